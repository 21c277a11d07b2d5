import pino, { type DestinationStream, type Logger } from 'pino';
import { scrubLogLine } from './adapters/web/request-log.ts';

// Ladepay's logger: JSON lines, each one scrubbed of capabilities (session
// tokens in URLs, API tokens, Basic or Bearer credentials) just before it is
// written, whatever put them there.
export function createLadepayLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, hooks: { streamWrite: scrubLogLine } };
  return destination ? pino(options, destination) : pino(options);
}
