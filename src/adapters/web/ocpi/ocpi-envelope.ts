import type { FastifyReply } from 'fastify';

// OCPI 2.2.1 status codes Ladepay answers with (status codes chapter).
export const OCPI_STATUS = {
  success: 1000,
  clientError: 2000,
  invalidParameters: 2001,
  unknownLocation: 2003,
  serverError: 3000,
  unableToUseClientApi: 3001,
  unsupportedVersion: 3002,
} as const;
export type OcpiStatus = (typeof OCPI_STATUS)[keyof typeof OCPI_STATUS];

// OCPI 2.2.1 response format, on every answer, errors too: data (left out
// when there is none), status_code, status_message, timestamp (UTC).
export function envelope(now: Date, statusCode: OcpiStatus, message: string, data?: unknown) {
  return { ...(data === undefined ? {} : { data }), status_code: statusCode, status_message: message, timestamp: now.toISOString() };
}

export function sendOcpi(reply: FastifyReply, now: Date, httpStatus: number, statusCode: OcpiStatus, message: string, data?: unknown): FastifyReply {
  return reply.code(httpStatus).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(envelope(now, statusCode, message, data));
}

export function sendData(reply: FastifyReply, now: Date, data: unknown): FastifyReply {
  return sendOcpi(reply, now, 200, OCPI_STATUS.success, 'Success', data);
}
