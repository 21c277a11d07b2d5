import QRCode from 'qrcode';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** What a token's QR code encodes, or undefined when the code is gone (deleted, expired, unknown). */
export type QrContentResolver = (token: string) => string | undefined;

/** Where a scanned merchant-redirect code leads now; updates take effect at once (docs/vipps-contract.md §18). */
export type QrTargetResolver = (token: string) => string | undefined;

function gone(reply: FastifyReply): FastifyReply {
  return reply.code(404).type('text/plain; charset=utf-8').send('This QR code is not active.');
}

/**
 * QR images (SVG, PNG) and the redirect a scanned code opens. No auth: the image URL needs none
 * (docs/vipps-contract.md §18), and a phone camera must be able to follow the code.
 */
export function registerQrImageRoutes(app: FastifyInstance, content: QrContentResolver, target: QrTargetResolver): void {
  app.get<{ Params: { file: string }; Querystring: { size?: string } }>('/qr-image/:file', async (request, reply) => {
    const match = /^([A-Za-z0-9_-]+)\.(svg|png|txt)$/.exec(request.params.file);
    const text = match?.[1] ? content(match[1]) : undefined;
    if (!match || text === undefined) return gone(reply);
    reply.header('cache-control', 'no-store');
    if (match[2] === 'txt') return reply.type('text/plain; charset=utf-8').send(text);
    if (match[2] === 'svg') {
      const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
      return reply.type('image/svg+xml').send(svg);
    }
    const size = Number(request.query.size ?? 1024);
    if (!Number.isInteger(size) || size < 100 || size > 2000) return reply.code(400).type('text/plain; charset=utf-8').send('size must be 100..2000');
    const png = await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: size });
    return reply.type('image/png').send(png);
  });

  app.get<{ Params: { token: string } }>('/qr-target/:token', async (request, reply) => {
    const location = target(request.params.token);
    if (location === undefined) return gone(reply);
    return reply.code(302).header('location', location).header('cache-control', 'no-store').send();
  });
}
