import { headerValue } from './request-body.ts';
import type { FastifyRequest } from 'fastify';
import type { ErrorFactory } from './api-style.ts';
import type { SimAnswer } from './sim-answer.ts';

export type QrFormat = { kind: 'svg' } | { kind: 'png'; size: number } | { kind: 'target' };

/**
 * QR API (docs/vipps-contract.md §18): `Accept` picks the format of the answer's `url`; anything else is
 * 415. `Size` (100..2000) sets the PNG size.
 */
export function qrFormatOf(request: FastifyRequest, error: ErrorFactory): QrFormat | SimAnswer {
  const accept = (headerValue(request.headers, 'accept') ?? '').trim().toLowerCase();
  const sizeHeader = headerValue(request.headers, 'size');
  let size = 1024;
  if (sizeHeader !== undefined) {
    size = Number(sizeHeader);
    if (!Number.isInteger(size) || size < 100 || size > 2000) return error(400, 'Bad Request', 'Size must be an integer from 100 to 2000.', [{ name: 'Size', reason: 'Must be an integer from 100 to 2000.' }]);
  }
  if (accept === 'image/*' || accept === 'image/svg+xml') return { kind: 'svg' };
  if (accept === 'image/png') return { kind: 'png', size };
  if (accept === 'text/targeturl') return { kind: 'target' };
  return error(415, 'Unsupported Media Type', `Accept must be one of image/*, image/png, image/svg+xml, text/targetUrl; got "${accept}".`);
}
