import { describe, expect, it } from 'vitest';
import { prettyLogLine } from './pretty-log.ts';

describe('the demo terminal log', () => {
  it('shows a JSON log line as one readable line in Oslo time', () => {
    const json = JSON.stringify({ level: 40, time: Date.parse('2026-11-26T10:00:05.000Z'), pid: 1, hostname: 'h', component: 'ocpp', stationId: 'DEMO-01', note: 'two words', msg: 'demo station did not connect' });
    expect(prettyLogLine(json)).toBe('11:00:05 CET WARN  [ocpp] demo station did not connect stationId=DEMO-01 note="two words"\n');
  });

  it('names an error, with its stack for errors and above', () => {
    const err = { type: 'Error', message: 'connect ECONNREFUSED', stack: 'Error: connect ECONNREFUSED\n    at a (x.ts:1)\n    at b (y.ts:2)' };
    const line = prettyLogLine(JSON.stringify({ level: 50, time: Date.parse('2026-07-01T10:00:00.000Z'), msg: 'outbox item failed', err }));
    expect(line).toBe('12:00:00 CEST ERROR outbox item failed err="connect ECONNREFUSED"\n    at a (x.ts:1)\n    at b (y.ts:2)\n');
  });

  it('passes a line that is not JSON through as it is', () => {
    expect(prettyLogLine('plain text')).toBe('plain text\n');
  });
});
