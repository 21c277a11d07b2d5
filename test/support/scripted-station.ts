import ocppRpc from 'ocpp-rpc';
import { connectRpcStation, type RpcStation } from '../ocpp/rpc-station.ts';
import { eventually } from './eventually.ts';

const { createRPCError } = ocppRpc;

export type Protocol = 'ocpp1.6' | 'ocpp2.0.1';
export type ConnectorState = 'available' | 'plugged' | 'charging';
type Answer = (params: Record<string, unknown>) => Record<string, unknown>;

export interface ReceivedCall {
  action: string;
  params: Record<string, unknown>;
}

// A station whose every move the test makes by hand, on ocpp-rpc's client in
// strict mode (so every frame is a valid OCPP frame): for behaviour the
// charge-point simulator does not have, such as a reboot that forgets the
// transaction, a stop answered Rejected, or a station speaking of another
// station's session. The same calls on 1.6J and 2.0.1.
export interface ScriptedStation {
  readonly id: string;
  readonly protocol: Protocol;
  rpc(): RpcStation;
  received: ReceivedCall[]; // every call from the CSMS, in order, across reconnects
  answer(action: string, fn: Answer): void;
  callsOf(action: string): Record<string, unknown>[];
  waitForCall(action: string, count?: number): Promise<Record<string, unknown>>;
  boot(): Promise<void>;
  status(state: ConnectorState, at?: Date): Promise<void>;
  authorize(idTag: string): Promise<string>;
  // Waits for the CSMS's remote start, then starts the transaction as asked.
  startAsAsked(meterStartWh: number | undefined, at: Date): Promise<{ transactionId: string; idTag: string; remoteStartId?: number }>;
  start(tx: { idTag: string; remoteStartId?: number; transactionId?: string }, meterStartWh: number | undefined, at: Date): Promise<string>;
  meter(transactionId: string, wh: number, at: Date): Promise<void>;
  end(transactionId: string, wh: number, at: Date, opts?: { idTag?: string; reason?: 'Local' | 'Remote' | 'PowerLoss' }): Promise<unknown>;
  reconnect(): Promise<void>; // a new socket under the same id (no boot)
  close(): Promise<void>;
}

const REMOTE_START = { 'ocpp1.6': 'RemoteStartTransaction', 'ocpp2.0.1': 'RequestStartTransaction' } as const;
export const REMOTE_STOP = { 'ocpp1.6': 'RemoteStopTransaction', 'ocpp2.0.1': 'RequestStopTransaction' } as const;

// `clock` is told each timestamp the station is about to send: Ladepay
// checks them against its own clock (docs/meter-plausibility.md), so a test
// that stamps readings minutes ahead moves Ladepay's clock along
// (TestSystem.clockTo); `now` is the station's own clock, Ladepay's when given
// (TestSystem.now), as a real station takes its time from the CSMS.
export async function connectScriptedStation(
  ocppUrl: string,
  id: string,
  password: string,
  protocol: Protocol,
  o: { clock?: (at: Date) => Promise<void>; now?: () => Date } = {},
): Promise<ScriptedStation> {
  const v16 = protocol === 'ocpp1.6';
  const received: ReceivedCall[] = [];
  const answers = new Map<string, Answer>();
  const seqNos = new Map<string, number>();
  let txCounter = 0;

  const defaults: Record<string, Answer> = {
    RemoteStartTransaction: () => ({ status: 'Accepted' }),
    RequestStartTransaction: () => ({ status: 'Accepted' }),
    RemoteStopTransaction: () => ({ status: 'Accepted' }),
    RequestStopTransaction: () => ({ status: 'Accepted' }),
    ChangeConfiguration: () => ({ status: 'Accepted' }),
    SetVariables: (p) => ({
      setVariableResult: (p.setVariableData as { component: unknown; variable: unknown }[]).map((d) => ({
        attributeStatus: 'Accepted',
        component: d.component,
        variable: d.variable,
      })),
    }),
    TriggerMessage: () => ({ status: 'Accepted' }),
    GetTransactionStatus: () => ({ messagesInQueue: false }),
  };

  async function open(): Promise<RpcStation> {
    const rpc = await connectRpcStation(ocppUrl, id, password, protocol);
    rpc.handle(async ({ method, params }: { method?: string; params?: unknown }) => {
      const p = (params ?? {}) as Record<string, unknown>;
      const action = method ?? '';
      received.push({ action, params: p });
      const fn = answers.get(action) ?? defaults[action];
      if (!fn) throw createRPCError('NotImplemented', `${method} is not scripted`);
      return fn(p);
    });
    return rpc;
  }
  let rpc = await open();
  const call = (action: string, params: object) => rpc.call(action, params);

  function nextSeq(transactionId: string): number {
    const n = seqNos.get(transactionId) ?? 0;
    seqNos.set(transactionId, n + 1);
    return n;
  }
  const register = (wh: number, at: Date, context: string) => [
    {
      timestamp: at.toISOString(),
      sampledValue: [
        v16
          ? { value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh', context }
          : { value: wh, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' }, context },
      ],
    },
  ];

  const station: ScriptedStation = {
    id,
    protocol,
    rpc: () => rpc,
    received,
    answer: (action, fn) => void answers.set(action, fn),
    callsOf: (action) => received.filter((c) => c.action === action).map((c) => c.params),
    waitForCall: (action, count = 1) =>
      eventually(() => station.callsOf(action)[count - 1], `${id} receives ${action} #${count}`),

    async boot() {
      await call(
        'BootNotification',
        v16 ? { chargePointVendor: 'Scripted', chargePointModel: 'S-1' } : { reason: 'PowerUp', chargingStation: { vendorName: 'Scripted', model: 'S-1' } },
      );
    },

    async status(state, at = o.now?.() ?? new Date()) {
      const timestamp = at.toISOString();
      if (v16) {
        const status = { available: 'Available', plugged: 'Preparing', charging: 'Charging' }[state];
        await call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status, timestamp });
      } else {
        const connectorStatus = state === 'available' ? 'Available' : 'Occupied';
        await call('StatusNotification', { timestamp, connectorStatus, evseId: 1, connectorId: 1 });
      }
    },

    async authorize(idTag) {
      const r = (await call('Authorize', v16 ? { idTag } : { idToken: { idToken: idTag, type: 'Central' } })) as {
        idTagInfo?: { status: string };
        idTokenInfo?: { status: string };
      };
      return (r.idTagInfo ?? r.idTokenInfo)?.status ?? '';
    },

    async startAsAsked(meterStartWh, at) {
      const asked = await station.waitForCall(REMOTE_START[protocol]);
      const idTag = v16 ? String(asked.idTag) : String((asked.idToken as { idToken: string }).idToken);
      const remoteStartId = v16 ? undefined : Number(asked.remoteStartId);
      const transactionId = await station.start({ idTag, remoteStartId }, meterStartWh, at);
      return { transactionId, idTag, remoteStartId };
    },

    async start(tx, meterStartWh, at) {
      if (v16) {
        const r = (await call('StartTransaction', { connectorId: 1, idTag: tx.idTag, meterStart: meterStartWh ?? 0, timestamp: at.toISOString() })) as {
          transactionId: number;
        };
        await station.status('charging', at);
        return String(r.transactionId);
      }
      const transactionId = tx.transactionId ?? `${id}-tx-${++txCounter}`;
      await call('TransactionEvent', {
        eventType: 'Started',
        timestamp: at.toISOString(),
        triggerReason: 'RemoteStart',
        seqNo: nextSeq(transactionId),
        transactionInfo: { transactionId, chargingState: 'Charging', ...(tx.remoteStartId === undefined ? {} : { remoteStartId: tx.remoteStartId }) },
        idToken: { idToken: tx.idTag, type: 'Central' },
        evse: { id: 1, connectorId: 1 },
        ...(meterStartWh === undefined ? {} : { meterValue: register(meterStartWh, at, 'Transaction.Begin') }),
      });
      return transactionId;
    },

    async meter(transactionId, wh, at) {
      await o.clock?.(at);
      if (v16) {
        await call('MeterValues', { connectorId: 1, transactionId: Number(transactionId), meterValue: register(wh, at, 'Sample.Periodic') });
        return;
      }
      await call('TransactionEvent', {
        eventType: 'Updated',
        timestamp: at.toISOString(),
        triggerReason: 'MeterValuePeriodic',
        seqNo: nextSeq(transactionId),
        transactionInfo: { transactionId, chargingState: 'Charging' },
        meterValue: register(wh, at, 'Sample.Periodic'),
      });
    },

    async end(transactionId, wh, at, opts = {}) {
      await o.clock?.(at);
      const reason = opts.reason ?? 'Local';
      if (v16) {
        return call('StopTransaction', {
          transactionId: Number(transactionId),
          meterStop: wh,
          timestamp: at.toISOString(),
          reason,
          ...(opts.idTag ? { idTag: opts.idTag } : {}),
        });
      }
      return call('TransactionEvent', {
        eventType: 'Ended',
        timestamp: at.toISOString(),
        triggerReason: reason === 'Remote' ? 'RemoteStop' : 'StopAuthorized',
        seqNo: nextSeq(transactionId),
        transactionInfo: { transactionId, stoppedReason: reason },
        ...(opts.idTag ? { idToken: { idToken: opts.idTag, type: 'Central' } } : {}),
        meterValue: register(wh, at, 'Transaction.End'),
      });
    },

    async reconnect() {
      await rpc.close({ code: 1001, reason: 'Going away' }).catch(() => undefined);
      rpc = await open();
    },

    async close() {
      await rpc.close({ code: 1000 }).catch(() => undefined);
    },
  };
  return station;
}
