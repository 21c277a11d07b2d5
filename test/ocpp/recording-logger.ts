import type { Logger } from '../../src/adapters/ocpp/logger.ts';

export interface LogLine {
  level: 'info' | 'warn' | 'error' | 'debug';
  obj: object;
  msg: string | undefined;
}

export interface RecordingLogger extends Logger {
  lines: LogLine[];
  // Resolves with the first line (past or future) that matches.
  waitFor(match: (line: LogLine) => boolean): Promise<LogLine>;
}

export function createRecordingLogger(): RecordingLogger {
  const lines: LogLine[] = [];
  const waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  const at =
    (level: LogLine['level']) =>
    (obj: object, msg?: string): void => {
      const line = { level, obj, msg };
      lines.push(line);
      for (const w of [...waiters]) {
        if (!w.match(line)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    };
  return {
    lines,
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    debug: at('debug'),
    waitFor(match) {
      const seen = lines.find(match);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}
