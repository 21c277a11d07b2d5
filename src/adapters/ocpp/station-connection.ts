import ocppRpc from 'ocpp-rpc';
import type { NoAnswer } from '../../core/vocabulary/command-outcome.ts';
import type { ProtocolVersion } from '../../usecases/ports/charger.ts';
import { fixFramingErrorReply, internalError, isCallError } from './call-errors.ts';
import { createFrameRecorder } from './frame-recorder.ts';
import type { Logger } from './logger.ts';
import type { OcppMessageLog } from './ocpp-message-log.ts';
import { QueueFullError, createSerialQueue } from './serial-queue.ts';

// What Ladepay uses of an ocpp-rpc server-side client; ocpp-rpc's own typings
// are too loose to lean on.
export interface RpcPeer {
  readonly state: number;
  handle(method: string, handler: (call: { params?: unknown; signal?: AbortSignal }) => Promise<unknown>): void;
  call(method: string, params: unknown): Promise<unknown>;
  close(options?: { code?: number; reason?: string; force?: boolean }): Promise<unknown>;
  on(event: 'message', listener: (e: { message: Buffer | string; outbound: boolean }) => void): unknown;
  on(event: 'badMessage', listener: (e: { buffer: Buffer; error: Error; response: unknown[] | null }) => void): unknown;
  on(
    event: 'strictValidationFailure',
    listener: (e: { messageId: string; method: string; outbound: boolean; isCall: boolean; error: Error }) => void,
  ): unknown;
  once(event: 'close', listener: () => void): unknown;
}

export type CallResult<Conf> = { ok: true; result: Conf } | { ok: false; outcome: NoAnswer };

// One station's socket, as the rest of the adapter sees it.
export interface StationConnection {
  readonly stationId: string;
  readonly protocol: ProtocolVersion;
  // When this socket was accepted.
  readonly openedAt: Date;
  isOpen(): boolean;
  handle<Req, Conf extends object>(action: string, handler: (req: Req) => Promise<Conf>): void;
  // quiet: a best-effort call (the price on the station's screen) whose
  // failures are logged at debug level only.
  call<Conf>(action: string, req: object, opts?: { quiet?: boolean }): Promise<CallResult<Conf>>;
  // Runs in order with the station's calls (a lifecycle event before the
  // first message is handled, for instance).
  enqueue(task: () => Promise<void>): void;
  close(code: number, reason: string): void;
  onClose(listener: () => void): void;
}

const RPC_OPEN = 1;
// Calls a station may have waiting for their turn before it is disconnected.
const MAX_QUEUED_CALLS = 100;

export function createStationConnection(
  peer: RpcPeer,
  opts: { stationId: string; protocol: ProtocolVersion; log: OcppMessageLog; logger: Logger; now?: () => Date },
): StationConnection {
  const { stationId, protocol, logger } = opts;
  const recorder = createFrameRecorder(stationId, opts.log, logger, opts.now);
  const queue = createSerialQueue(MAX_QUEUED_CALLS);
  let closing = false;

  peer.on('message', ({ message, outbound }) => recorder.record(outbound ? 'out' : 'in', message.toString()));
  peer.on('badMessage', ({ buffer, error, response }) => {
    logger.warn({ stationId, error: error.message }, 'OCPP frame not understood');
    // ocpp-rpc sends this very array after the event: fixing it here fixes the reply.
    if (response) fixFramingErrorReply(protocol, buffer.toString(), response);
  });
  peer.on('strictValidationFailure', ({ messageId, method, outbound, isCall, error }) => {
    const what = outbound ? (isCall ? 'our call' : 'our answer') : isCall ? 'station call' : 'station answer';
    const log = outbound ? logger.error.bind(logger) : logger.warn.bind(logger);
    log({ stationId, messageId, action: method, error: error.message }, `OCPP schema violation in ${what}`);
  });

  function close(code: number, reason: string): void {
    if (closing) return;
    closing = true;
    peer
      .close({ code, reason })
      .catch((err: unknown) => logger.warn({ err, stationId }, 'closing a station socket failed'));
  }

  return {
    stationId,
    protocol,
    openedAt: (opts.now ?? (() => new Date()))(),
    isOpen: () => !closing && peer.state === RPC_OPEN,

    handle<Req, Conf extends object>(action: string, handler: (req: Req) => Promise<Conf>) {
      peer.handle(action, async ({ params, signal }) => {
        try {
          // Strict mode has checked params against the action's official
          // schema before this handler runs; Req is that schema's shape.
          return await untilAborted(
            queue.run(() => handler(params as Req)),
            signal,
          );
        } catch (err) {
          if (isCallError(err)) throw err;
          if (signal?.aborted) {
            // The socket is closing: nobody is left to answer. Letting go
            // here keeps a slow handler from holding the close up.
            logger.debug({ stationId, action }, 'call abandoned: socket closing');
            throw internalError();
          }
          if (err instanceof QueueFullError) {
            logger.warn({ stationId, action }, 'station floods calls without waiting for answers; disconnecting');
            close(1008, 'Too many calls in flight');
          } else {
            logger.error({ err, stationId, action }, 'OCPP handler failed');
          }
          throw internalError();
        }
      });
    },

    async call<Conf>(action: string, req: object, opts: { quiet?: boolean } = {}): Promise<CallResult<Conf>> {
      if (closing || peer.state !== RPC_OPEN) return { ok: false, outcome: 'offline' };
      const warn = opts.quiet ? logger.debug.bind(logger) : logger.warn.bind(logger);
      try {
        // Strict mode has checked the answer against the action's schema.
        return { ok: true, result: (await peer.call(action, req)) as Conf };
      } catch (err) {
        if (err instanceof ocppRpc.TimeoutError) {
          warn({ stationId, action }, 'station did not answer in time');
          return { ok: false, outcome: 'timeout' };
        }
        // The call went out but the socket dropped before an answer came:
        // whether the station acted on it is as unknown as after a timeout.
        if (err instanceof Error && err.name === 'AbortError') {
          warn({ stationId, action }, 'station disconnected before answering');
          return { ok: false, outcome: 'timeout' };
        }
        if (closing || peer.state !== RPC_OPEN) return { ok: false, outcome: 'offline' };
        if (isCallError(err)) {
          const code = err.rpcErrorCode;
          warn({ stationId, action, code, error: err.message }, 'station answered with a CallError');
        } else {
          logger.error({ err, stationId, action }, 'OCPP call failed');
        }
        return { ok: false, outcome: 'error' };
      }
    },

    enqueue(task) {
      queue.run(task).catch((err: unknown) => logger.error({ err, stationId }, 'station task failed'));
    },

    close,
    onClose: (listener) => void peer.once('close', listener),
  };
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
