import WebSocket from 'ws';
import { answerTo, type Call, type StationState } from './load-protocol.ts';

export type CallOutcome =
  | { kind: 'result'; payload: unknown; ms: number }
  | { kind: 'error'; code: string; ms: number }
  | { kind: 'timeout' }
  | { kind: 'closed' };

interface Pending {
  id: string;
  action: string;
  sentAt: bigint;
  done: (o: CallOutcome) => void;
}

// One simulated station as lean as it gets: a raw WebSocket speaking OCPP-J
// frames, one call in flight at a time (OCPP-J §4.1.1), timing each
// CALL → CALLRESULT with the monotonic clock. Thousands of these share one
// process; the full charge-point simulator would measure itself.
export class LoadStation {
  private ws: WebSocket | undefined;
  private pending: Pending | undefined;
  private nextId = 0;
  open = false;
  closedByUs = false;
  onDropped: (() => void) | undefined;

  // address: the station's own, named in X-Forwarded-For as a proxy in front
  // would (the server trusts 127.0.0.1 as its proxy), so its per-address limits
  // count each station apart, as they would stations on networks of their own.
  constructor(
    readonly state: StationState,
    readonly address: string,
  ) {}

  busy(): boolean {
    return this.pending !== undefined;
  }

  connect(endpoint: string, password: string, timeoutMs: number): Promise<void> {
    this.closedByUs = false;
    return new Promise((resolve, reject) => {
      const auth = Buffer.from(`${this.state.id}:${password}`).toString('base64');
      const ws = new WebSocket(`${endpoint}/${encodeURIComponent(this.state.id)}`, [this.state.protocol], {
        headers: { authorization: `Basic ${auth}`, 'x-forwarded-for': this.address },
        perMessageDeflate: false,
        handshakeTimeout: timeoutMs,
      });
      this.ws = ws;
      let settled = false;
      ws.once('open', () => {
        settled = true;
        this.open = true;
        resolve();
      });
      ws.once('unexpected-response', (_req, res) => {
        settled = true;
        reject(new Error(`HTTP ${res.statusCode ?? '?'}`));
        ws.terminate();
      });
      ws.on('error', (err: Error & { code?: string }) => {
        if (!settled) {
          settled = true;
          reject(new Error(err.code ?? err.message));
        }
      });
      // A socket given up for a newer one (a reconnect) no longer speaks for the station.
      ws.on('message', (data) => this.ws === ws && this.receive(data.toString()));
      ws.once('close', () => {
        if (this.ws !== ws) return;
        const wasOpen = this.open;
        this.open = false;
        this.finish({ kind: 'closed' });
        if (wasOpen && !this.closedByUs) this.onDropped?.();
      });
    });
  }

  call([action, payload]: Call): Promise<CallOutcome> {
    if (this.pending) throw new Error(`${this.state.id}: a call is already in flight`);
    const ws = this.ws;
    if (!ws || !this.open) return Promise.resolve({ kind: 'closed' });
    const id = (this.nextId++).toString(36);
    return new Promise<CallOutcome>((done) => {
      this.pending = { id, action, sentAt: process.hrtime.bigint(), done };
      ws.send(JSON.stringify([2, id, action, payload]));
    });
  }

  // Called by the generator's sweep, not by a timer per call.
  expireIfOlderThan(limitNs: bigint, now: bigint): boolean {
    if (this.pending && now - this.pending.sentAt > limitNs) {
      this.finish({ kind: 'timeout' });
      return true;
    }
    return false;
  }

  close(): void {
    this.closedByUs = true;
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.close(1000, 'bench done');
    else this.ws?.terminate();
  }

  private finish(o: CallOutcome): void {
    const p = this.pending;
    this.pending = undefined;
    p?.done(o);
  }

  private receive(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (!Array.isArray(frame)) return;
    const [type, id] = frame as [number, string];
    if (type === 2) return this.answer(id, String(frame[2]), frame[3]);
    const p = this.pending;
    if (!p || p.id !== id) return;
    const ms = Number(process.hrtime.bigint() - p.sentAt) / 1e6;
    if (type === 3) this.finish({ kind: 'result', payload: frame[2], ms });
    else if (type === 4) this.finish({ kind: 'error', code: String(frame[2]), ms });
  }

  private answer(id: string, action: string, payload: unknown): void {
    const result = answerTo(this.state.protocol, action, payload);
    const reply = result === undefined ? [4, id, 'NotImplemented', `${action} is not simulated`, {}] : [3, id, result];
    this.ws?.send(JSON.stringify(reply));
  }
}
