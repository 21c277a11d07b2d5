import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

// A logger whose JSON lines a test can read back: what an operator's log
// collector would receive.
export interface CapturedLog {
  logger: Logger;
  text(): string;
  lines(): Array<Record<string, unknown>>;
}

export function captureLog(level: string, make: (destination: Writable) => Logger = (d) => pino({ level }, d)): CapturedLog {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = make(destination);
  const text = () => chunks.join('');
  return {
    logger,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
