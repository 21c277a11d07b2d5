import QRCode from 'qrcode';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** What a token's QR code encodes, or undefined when the code is gone (deleted, expired, unknown). */
export type QrContentResolver = (token: string) => string | undefined;

/** Where a scanned merchant-redirect code leads now; updates take effect at once (docs/vipps-contract.md §18). */
export type QrTargetResolver = (token: string) => string | undefined;

type ImageFormat = 'svg' | 'png' | 'txt';

function gone(reply: FastifyReply): FastifyReply {
  return reply.code(404).type('text/plain; charset=utf-8').send('This QR code is not active.');
}

async function sendQr(reply: FastifyReply, text: string, format: ImageFormat, sizeParam: string | undefined): Promise<FastifyReply> {
  reply.header('cache-control', 'no-store');
  if (format === 'txt') return reply.type('text/plain; charset=utf-8').send(text);
  if (format === 'svg') {
    const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    return reply.type('image/svg+xml').send(svg);
  }
  const size = Number(sizeParam ?? 1024);
  if (!Number.isInteger(size) || size < 100 || size > 2000) return reply.code(400).type('text/plain; charset=utf-8').send('size must be 100..2000');
  const png = await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: size });
  return reply.type('image/png').send(png);
}

/** Path and query of a payment's one-time QR image (the format chosen by the create's `qrFormat`). */
export function paymentQrPath(token: string, format: 'svg' | 'png', size?: number): string {
  const png = format === 'png' ? `&format=png${size ? `&size=${size}` : ''}` : '';
  return `/qr-image/v1?token=${encodeURIComponent(token)}${png}`;
}

/**
 * QR images (SVG, PNG) and the redirect a scanned code opens. No auth: the image URL needs none
 * (docs/vipps-contract.md §18), and a phone camera must be able to follow the code. A payment's
 * one-time QR is linked as `/qr-image/v1?token=…[&format=png&size=N]`, the token in the query as in
 * Vipps' `https://qr-image.vipps.no/v1?token=…`; merchant-redirect codes as `/qr-image/<token>.<svg|png|txt>`.
 */
export function registerQrImageRoutes(app: FastifyInstance, content: QrContentResolver, target: QrTargetResolver): void {
  app.get<{ Querystring: { token?: string; format?: string; size?: string } }>('/qr-image/v1', async (request, reply) => {
    const { token, format = 'svg', size } = request.query;
    const text = token ? content(token) : undefined;
    if (text === undefined || (format !== 'svg' && format !== 'png' && format !== 'txt')) return gone(reply);
    return sendQr(reply, text, format, size);
  });

  app.get<{ Params: { file: string }; Querystring: { size?: string } }>('/qr-image/:file', async (request, reply) => {
    const match = /^([A-Za-z0-9_-]+)\.(svg|png|txt)$/.exec(request.params.file);
    const text = match?.[1] ? content(match[1]) : undefined;
    if (!match || text === undefined) return gone(reply);
    return sendQr(reply, text, match[2] as ImageFormat, request.query.size);
  });

  app.get<{ Params: { token: string } }>('/qr-target/:token', async (request, reply) => {
    const location = target(request.params.token);
    if (location === undefined) return gone(reply);
    return reply.code(302).header('location', location).header('cache-control', 'no-store').send();
  });
}
