import type { DestinationStream } from 'pino';
import { formatOsloClock } from './adapters/web/console/oslo-time.ts';

// pino's levels by number.
const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
// What every line carries, or what is shown in its own place.
const LEFT_OUT = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'component', 'err', 'v']);

function value(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? String(v);
}

// One JSON log line (as pino writes it, already scrubbed) as a person reads it:
// "11:00:05 CET WARN  [ocpp] demo station did not connect stationId=DEMO-01",
// with an error's message, and for errors its stack, below.
export function prettyLogLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const level = LEVELS[Number(entry.level)] ?? String(entry.level);
  const at = typeof entry.time === 'number' ? formatOsloClock(new Date(entry.time).toISOString()) : '';
  const component = typeof entry.component === 'string' ? ` [${entry.component}]` : '';
  const fields = Object.entries(entry)
    .filter(([k]) => !LEFT_OUT.has(k))
    .map(([k, v]) => ` ${k}=${value(v)}`)
    .join('');
  const err = entry.err as { message?: string; stack?: string } | undefined;
  const errText = err ? ` err=${value(err.message ?? err)}` : '';
  const stack = err?.stack && Number(entry.level) >= 50 ? `\n${err.stack.split('\n').slice(1).map((l) => `    ${l.trim()}`).join('\n')}` : '';
  return `${at} ${level.padEnd(5)}${component} ${String(entry.msg ?? '')}${fields}${errText}${stack}\n`;
}

// A pino destination that writes readable lines to a terminal. Used by the demo
// (LOG_FORMAT=pretty); pino-pretty would do the same, but it is not among our
// dependencies and the demo needs only this much.
export function prettyLogDestination(out: { write(chunk: string): unknown }): DestinationStream {
  return {
    write(line: string) {
      out.write(prettyLogLine(line));
    },
  };
}
