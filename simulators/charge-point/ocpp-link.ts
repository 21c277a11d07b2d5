import ocppRpc, { RPCClient } from 'ocpp-rpc';
import type { IHandlersOption } from 'ocpp-rpc';
import { describeConnectError } from './connect-error.ts';
import { ocpp21Validator } from './ocpp21-validator.ts';
import { FrameLog, parseMessage } from './frame-log.ts';
import type { Frame } from './frame-log.ts';
import { sleep } from './sleep.ts';
import type { Logger } from './logger.ts';

// The station's end of the OCPP-J WebSocket: one ocpp-rpc client in strict
// mode (every frame checked against the official schemas both ways), plus the
// things a simulator needs on top: a frame record, calls left unanswered on
// purpose, raw frames, and reconnecting on our own terms.

export type Protocol = 'ocpp1.6' | 'ocpp2.0.1' | 'ocpp2.1';
export const PROTOCOLS: readonly Protocol[] = ['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'];
export type CallParams = Record<string, unknown>;
export type CallHandler = (params: CallParams) => object | Promise<object>;

export interface LinkOptions {
  csmsUrl: string;
  stationId: string;
  password?: string;
  offer: readonly Protocol[]; // the subprotocols offered, most wanted first
  callTimeoutMs: number;
  maxFrames: number;
  reconnectInitialDelayMs: number;
  reconnectMaxDelayMs: number;
  logger: Logger;
  onFrame?: (frame: Frame) => void;
}

export interface LinkEvents {
  opened(): void;
  closed(): void;
}

// ocpp-rpc's typings call NOREPLY an object; at run time it is the symbol its
// client looks for to send no answer at all.
const NO_REPLY = ocppRpc.NOREPLY as unknown as Record<string, unknown>;

export class OcppLink {
  readonly frames: FrameLog;
  private readonly client: RPCClient;
  private readonly inFlight = new Set<Promise<unknown>>();
  private ignored: string | null = null;
  private isOpenNow = false;
  // Handlers of actions that exist in one protocol only, registered while the
  // CSMS has picked that one (see syncHandlers).
  private readonly onlyIn = new Map<string, { protocol: Protocol; handler: CallHandler }>();

  constructor(
    private readonly options: LinkOptions,
    events: LinkEvents,
  ) {
    this.frames = new FrameLog(options.maxFrames);
    this.client = new RPCClient({
      endpoint: options.csmsUrl.replace(/\/+$/, ''),
      identity: options.stationId,
      protocols: [...options.offer],
      strictMode: true,
      strictModeValidators: [ocpp21Validator()],
      password: options.password ?? null,
      // Reconnects are ours (see connectUntilOpen): ocpp-rpc's own stop for good on
      // some errors, and a deliberately offline station must not come back.
      reconnect: false,
      maxReconnects: 0,
      backoff: { initialDelay: 1000, maxDelay: 10_000, factor: 2, randomisationFactor: 0.25 },
      callTimeoutMs: options.callTimeoutMs,
      pingIntervalMs: 30_000,
      deferPingsOnActivity: false,
      respondWithDetailedErrors: false,
      callConcurrency: 1,
      maxBadMessages: Infinity,
      headers: {},
      wsOpts: { handshakeTimeout: 10_000 },
    });
    this.client.on('message', (e: { message: unknown; outbound: boolean }) => {
      const frame = this.frames.record(e.outbound ? 'out' : 'in', String(e.message));
      options.onFrame?.({ ...frame });
    });
    this.client.on('strictValidationFailure', (e: { method: string; outbound: boolean; error: unknown }) => {
      const side = e.outbound ? 'we produced' : 'the CSMS sent';
      options.logger.warn(`${options.stationId}: schema violation in ${e.method} ${side}:`, String(e.error));
    });
    // Emitted once the CSMS has picked, before the first frame is read.
    this.client.on('protocol', () => this.syncHandlers());
    this.client.on('open', () => {
      this.isOpenNow = true;
      events.opened();
    });
    this.client.on('close', () => {
      // ocpp-rpc also emits close after a failed attempt; only a lost open link counts.
      if (!this.isOpenNow) return;
      this.isOpenNow = false;
      events.closed();
    });
  }

  get url(): string {
    return `${this.options.csmsUrl.replace(/\/+$/, '')}/${encodeURIComponent(this.options.stationId)}`;
  }

  isOpen(): boolean {
    return this.isOpenNow;
  }

  // The subprotocol the CSMS picked on this connection; before the first, the one most wanted.
  protocol(): Protocol {
    const picked = this.client.protocol;
    return this.options.offer.find((p) => p === picked) ?? (this.options.offer[0] as Protocol);
  }

  async connect(): Promise<void> {
    try {
      await this.client.connect();
    } catch (err) {
      throw describeConnectError(err, this.url, this.options.stationId);
    }
  }

  // Retries with exponential backoff and jitter until open, or until aborted.
  async connectUntilOpen(signal: AbortSignal): Promise<void> {
    let delayMs = this.options.reconnectInitialDelayMs;
    while (!signal.aborted && !this.isOpenNow) {
      try {
        await this.connect();
        return;
      } catch (err) {
        if (signal.aborted) return;
        this.options.logger.warn(`${this.options.stationId}: ${err instanceof Error ? err.message : String(err)}; retrying`);
      }
      await sleep(delayMs * (0.75 + Math.random() * 0.5), signal);
      delayMs = Math.min(delayMs * 2, this.options.reconnectMaxDelayMs);
    }
  }

  // force: drop the TCP connection without a close frame, as a lost network does.
  async close(force: boolean): Promise<void> {
    if (this.client.state === RPCClient.CLOSED) return;
    await this.client.close(force ? { force: true } : { code: 1000, reason: 'station stopping' });
  }

  call(action: string, params: CallParams): Promise<unknown> {
    return this.client.call(action, params);
  }

  // A call whose answer nobody waits for; failures are logged, and idle() waits for it.
  fire(action: string, params: CallParams): Promise<unknown> {
    const call = this.client.call(action, params).catch((err: unknown) => {
      this.options.logger.warn(`${this.options.stationId}: ${action} failed:`, err instanceof Error ? err.message : String(err));
      return undefined;
    });
    this.inFlight.add(call);
    void call.finally(() => this.inFlight.delete(call));
    return call;
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  // only: the action exists in that protocol alone. On a connection that
  // speaks another, the station does not know it (NotImplemented), as a
  // station of that version would not.
  handle(action: string, handler: CallHandler, only?: Protocol): void {
    if (only) {
      this.onlyIn.set(action, { protocol: only, handler });
      if (this.isOpenNow) this.syncHandlers();
      return;
    }
    this.register(action, handler);
  }

  private register(action: string, handler: CallHandler): void {
    this.client.handle(action, async ({ params }: IHandlersOption) => {
      if (this.ignored === action) return NO_REPLY;
      return (await handler(params ?? {})) as Record<string, unknown>;
    });
  }

  private syncHandlers(): void {
    const speaking = this.client.protocol;
    for (const [action, { protocol, handler }] of this.onlyIn) {
      if (protocol === speaking) this.register(action, handler);
      else this.client.removeHandler(action);
    }
  }

  ignoreCalls(action: string | null): void {
    this.ignored = action;
  }

  // Work that must follow our answer to a CSMS call (the Authorize and
  // StartTransaction after RemoteStartTransaction.conf): ocpp-rpc sends the
  // answer once the handler's promise settles, all within microtasks, so a
  // macrotask is sure to come after it.
  afterReply(work: () => void): void {
    setImmediate(work);
  }

  // Sends text as is, past the schema checks (that is the point: malformed
  // frames for the CSMS's error handling). ocpp-rpc's public sendRaw writes to
  // its WebSocket; the answer is picked out of the frame record: a CALLRESULT or
  // CALLERROR with the same message id, or for a frame without a readable id
  // the next frame from the CSMS that is not a CALL of its own.
  async sendRaw(frame: string, timeoutMs: number): Promise<string | undefined> {
    if (!this.isOpenNow) throw new Error(`${this.options.stationId} is offline: cannot send a raw frame`);
    const sent = parseMessage(frame);
    const id = sent[0] === 2 && typeof sent[1] === 'string' ? sent[1] : undefined;
    const answer = this.frames.next((f) => {
      if (f.dir !== 'in') return false;
      if (id !== undefined) return (f.message[0] === 3 || f.message[0] === 4) && f.message[1] === id;
      return f.message[0] !== 2;
    }, timeoutMs);
    this.client.sendRaw(frame);
    return (await answer)?.text;
  }
}
