import type { Duplex } from 'node:stream';
import WebSocket, { type ServerOptions } from 'ws';

// Checks on every frame a station sends, before ocpp-rpc reads it. ocpp-rpc
// takes a message id of any length and lets a station pile up any number of
// calls; the frame size itself is bounded by ws (maxPayload, close 1009).
// The check runs in a WebSocket subclass handed to ocpp-rpc's WebSocketServer
// through ws's documented `WebSocket` option.

// OCPP-J 1.6 §4.1.3 / 2.0.1 §4.2.1: the message id is at most 36 characters
// ("to allow for GUIDs").
export const MAX_MESSAGE_ID_LENGTH = 36;
// Refused frames in a row before the socket is closed.
const MAX_REFUSED_IN_A_ROW = 10;

export type FrameRefusal = 'message-id-too-long' | 'too-many-calls-in-flight' | 'frame-too-large';

export interface FrameGuardDeps {
  maxCallsInFlight: number;
  // What the upgrade learnt about the connection on this socket.
  contextOf(socket: Duplex): { stationId: string } | undefined;
  refused(reason: FrameRefusal, stationId: string, detail: Record<string, unknown>): void;
}

type Frame = { type: number; id: string };
type WebSocketClass = NonNullable<ServerOptions['WebSocket']>;

// ws calls setSocket() once the upgrade is complete; it is not in ws's types.
const wsSetSocket = (WebSocket.prototype as unknown as { setSocket(this: WebSocket, socket: Duplex, head: Buffer, options: object): void }).setSocket;

export function guardedWebSocket(deps: FrameGuardDeps): WebSocketClass {
  return class GuardedWebSocket extends WebSocket {
    private stationId = '';
    private readonly inFlight = new Map<string, number>();
    private refusedInARow = 0;

    setSocket(socket: Duplex, head: Buffer, options: object): void {
      wsSetSocket.call(this, socket, head, options);
      this.stationId = deps.contextOf(socket)?.stationId ?? '';
    }

    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'message') return this.inbound(args[0]) ? super.emit(event, ...args) : false;
      // ws reports a frame over maxPayload as this error, then closes with 1009.
      if (event === 'error' && (args[0] as { code?: unknown } | undefined)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        deps.refused('frame-too-large', this.stationId, {});
      }
      return super.emit(event, ...args);
    }

    override send(data: unknown, ...rest: unknown[]): void {
      if (typeof data === 'string') {
        const frame = frameHead(data);
        if (frame && (frame.type === 3 || frame.type === 4)) this.answered(frame.id);
      }
      (super.send as (data: unknown, ...rest: unknown[]) => void)(data, ...rest);
    }

    // false: the frame is answered (or dropped) here and ocpp-rpc never sees it.
    private inbound(data: unknown): boolean {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
      const frame = frameHead(text);
      if (!frame) return true; // not a frame: ocpp-rpc answers it
      if (frame.id.length > MAX_MESSAGE_ID_LENGTH) {
        deps.refused('message-id-too-long', this.stationId, { length: frame.id.length, type: frame.type });
        // Answers go to CALLs only (OCPP-J §4.2.3); the id cannot be echoed,
        // so the answer carries "-1" (2.0.1 §4.2.3, an id that cannot be read).
        if (frame.type === 2) {
          const code = this.protocol === 'ocpp1.6' ? 'FormationViolation' : 'RpcFrameworkError';
          super.send(JSON.stringify([4, '-1', code, `MessageId longer than ${MAX_MESSAGE_ID_LENGTH} characters`, {}]));
        }
        if (++this.refusedInARow > MAX_REFUSED_IN_A_ROW) this.close(1008, 'Too many malformed frames');
        return false;
      }
      this.refusedInARow = 0;
      if (frame.type !== 2) return true;
      if (this.callsInFlight() >= deps.maxCallsInFlight) {
        // OCPP-J §4.1.1: one CALL at a time. One that runs far ahead is cut off.
        deps.refused('too-many-calls-in-flight', this.stationId, { inFlight: this.callsInFlight() });
        this.close(1008, 'Too many calls in flight');
        return false;
      }
      this.inFlight.set(frame.id, (this.inFlight.get(frame.id) ?? 0) + 1);
      return true;
    }

    private answered(id: string): void {
      const n = this.inFlight.get(id);
      if (n === undefined) return;
      if (n <= 1) this.inFlight.delete(id);
      else this.inFlight.set(id, n - 1);
    }

    private callsInFlight(): number {
      let n = 0;
      for (const count of this.inFlight.values()) n += count;
      return n;
    }
  } as unknown as WebSocketClass;
}

// The message type and id at the start of an OCPP-J frame, read without
// parsing the payload; undefined when the frame does not start like one.
export function frameHead(text: string): Frame | undefined {
  const head = /^\s*\[\s*(\d+)\s*,\s*"/.exec(text.slice(0, 64));
  if (!head) return undefined;
  const start = head[0].length;
  const end = text.indexOf('"', start);
  if (end === -1) return undefined;
  const raw = text.slice(start, end);
  if (!raw.includes('\\')) return { type: Number(head[1]), id: raw };
  // An escaped id: read it the slow way.
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && typeof parsed[1] === 'string' ? { type: Number(head[1]), id: parsed[1] } : undefined;
  } catch {
    return undefined;
  }
}
