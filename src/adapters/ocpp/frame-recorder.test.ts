import { describe, expect, it } from 'vitest';
import { createFrameRecorder } from './frame-recorder.ts';
import { createMemoryMessageLog } from './memory-message-log.ts';
import type { Logger } from './logger.ts';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

describe('createFrameRecorder', () => {
  it('logs calls, and results and errors with the action they answer', () => {
    const log = createMemoryMessageLog();
    const recorder = createFrameRecorder('CP1', log, quiet);
    recorder.record('in', '[2,"a","Heartbeat",{}]');
    recorder.record('out', '[3,"a",{"currentTime":"2025-01-01T00:00:00Z"}]');
    recorder.record('out', '[2,"b","Reset",{"type":"Soft"}]');
    recorder.record('in', '[4,"b","NotSupported","no",{}]');
    const rows = log.entries().map((e) => [e.direction, e.kind, e.action, e.messageId, e.payload]);
    expect(rows).toEqual([
      ['in', 'call', 'Heartbeat', 'a', '{}'],
      ['out', 'result', 'Heartbeat', 'a', '{"currentTime":"2025-01-01T00:00:00Z"}'],
      ['out', 'call', 'Reset', 'b', '{"type":"Soft"}'],
      ['in', 'error', 'Reset', 'b', '["NotSupported","no",{}]'],
    ]);
  });

  it('logs an unreadable frame as a call with its raw text', () => {
    const log = createMemoryMessageLog();
    createFrameRecorder('CP1', log, quiet).record('in', 'nonsense');
    expect(log.entries()).toMatchObject([{ direction: 'in', kind: 'call', messageId: '', payload: 'nonsense' }]);
  });

  it('survives a log that throws', () => {
    const warnings: string[] = [];
    const recorder = createFrameRecorder(
      'CP1',
      {
        record: () => {
          throw new Error('disk full');
        },
      },
      { ...quiet, warn: (_obj, msg) => warnings.push(msg ?? '') },
    );
    expect(() => recorder.record('in', '[2,"a","Heartbeat",{}]')).not.toThrow();
    expect(warnings).toHaveLength(1);
  });
});
