import type { Logger } from './logger.ts';
import type { OcppLogEntry, OcppMessageLog } from './ocpp-message-log.ts';

export interface FrameRecorder {
  record(direction: 'in' | 'out', text: string): void;
}

// Calls whose answer has not been seen yet, per direction, so a result can be
// logged with its action. Bounded: a call that is never answered must not
// keep memory forever.
const MAX_OPEN_CALLS = 64;
const MAX_RAW_PAYLOAD = 4096;

// Turns each OCPP-J frame into a message-log entry. A frame that cannot be
// read as [type, id, …] is logged as a call (the RPC layer answers it as one,
// with a CallError) carrying its raw text.
export function createFrameRecorder(
  stationId: string,
  log: OcppMessageLog,
  logger: Logger,
  now: () => Date = () => new Date(),
): FrameRecorder {
  const openCalls = { in: new Map<string, string>(), out: new Map<string, string>() };

  function remember(direction: 'in' | 'out', messageId: string, action: string): void {
    const calls = openCalls[direction];
    calls.set(messageId, action);
    if (calls.size > MAX_OPEN_CALLS) {
      const oldest = calls.keys().next();
      if (!oldest.done) calls.delete(oldest.value);
    }
  }

  function answered(direction: 'in' | 'out', messageId: string): string | undefined {
    // A result travelling in one direction answers a call that travelled the other way.
    const calls = openCalls[direction === 'in' ? 'out' : 'in'];
    const action = calls.get(messageId);
    calls.delete(messageId);
    return action;
  }

  function entryFor(direction: 'in' | 'out', text: string, at: Date): OcppLogEntry {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      frame = undefined;
    }
    if (Array.isArray(frame) && typeof frame[1] === 'string') {
      const messageId = frame[1];
      if (frame[0] === 2 && typeof frame[2] === 'string') {
        remember(direction, messageId, frame[2]);
        return { stationId, direction, kind: 'call', action: frame[2], messageId, payload: json(frame[3]), at };
      }
      if (frame[0] === 3) {
        const action = answered(direction, messageId);
        return { stationId, direction, kind: 'result', action, messageId, payload: json(frame[2]), at };
      }
      if (frame[0] === 4) {
        const action = answered(direction, messageId);
        return { stationId, direction, kind: 'error', action, messageId, payload: json(frame.slice(2)), at };
      }
    }
    return { stationId, direction, kind: 'call', messageId: '', payload: text.slice(0, MAX_RAW_PAYLOAD), at };
  }

  return {
    record(direction, text) {
      try {
        log.record(entryFor(direction, text, now()));
      } catch (err) {
        logger.warn({ err, stationId }, 'OCPP message log failed to record a frame');
      }
    },
  };
}

function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}
