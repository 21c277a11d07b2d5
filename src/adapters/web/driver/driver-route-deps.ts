import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { DriverActions } from '../../../usecases/ports/driver-views.ts';
import type { SecurityMetrics } from '../security-metrics.ts';
import type { PageContextSource } from './page-context-for.ts';

// What the driver's routes share, built once by driverPages.
export interface DriverRouteDeps {
  actions: DriverActions;
  pages: PageContextSource;
  formKey: Uint8Array;
  // Origins a form post may come from: the public URL's and the one the request was addressed to.
  allowedOrigins(request: FastifyRequest): string[];
  logger: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  security: SecurityMetrics;
}

// Connector codes are printed on stickers (A–Z, 2–9); session tokens are
// URL-safe base64. Anything else is not looked up at all.
export const CODE_PATTERN = /^[A-Z0-9]{1,40}$/;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

// As typed by hand: "k7p2 qx", "K7P-2QX" → "K7P2QX".
export function normalizeCode(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, '');
}
