import { meterValue201 } from './ocpp201-meter-values.ts';
import { transactionCost } from './tariff-cost.ts';
import { transactionUsage } from './transaction.ts';
import type { Connector } from './connector.ts';
import type { MeterSample } from './energy-meter.ts';
import type { StationView } from './station-view.ts';
import type { TransactionLimit } from './transaction-limit.ts';
import type { ChargingState, Transaction, TxTrigger } from './transaction.ts';

// OCPP 2.0.1 / 2.1 E01–E07 TransactionEventRequest, queued in order. seqNo,
// the offline flag and the cost are fixed when the event happens, not when it
// is finally sent.

export interface TransactionEventDetails {
  chargingState?: ChargingState;
  stoppedReason?: string;
  sample?: MeterSample;
  withIdToken?: boolean;
  remoteStartId?: number;
  holdMs?: number; // sent late, after later events (seqNo and timestamp stay those of now)
}

// Triggers 2.0.1 does not have, for an event made on 2.1 and sent after a
// reconnect that fell back to 2.0.1.
const TRIGGER_201: Partial<Record<TxTrigger, string>> = {
  CostLimitReached: 'AbnormalCondition',
  SoCLimitReached: 'AbnormalCondition',
  TariffChanged: 'Trigger',
};

export function queueTransactionEvent(
  view: StationView,
  c: Connector,
  tx: Transaction,
  eventType: 'Started' | 'Updated' | 'Ended',
  trigger: TxTrigger,
  details: TransactionEventDetails,
): void {
  const transactionInfo: Record<string, unknown> = { transactionId: tx.localId };
  if (details.chargingState) transactionInfo.chargingState = details.chargingState;
  if (details.stoppedReason) transactionInfo.stoppedReason = details.stoppedReason;
  if (details.remoteStartId !== undefined) transactionInfo.remoteStartId = details.remoteStartId;
  const params: Record<string, unknown> = {
    eventType,
    timestamp: (details.sample?.at ?? view.now()).toISOString(),
    triggerReason: trigger,
    seqNo: tx.seqNo++,
    transactionInfo,
    evse: { id: c.no, connectorId: 1 },
  };
  // E04: events made while the link is down say so.
  if (!view.isReady()) params.offline = true;
  if (details.withIdToken) params.idToken = { idToken: tx.auth.idTag, type: tx.auth.tokenType };
  if (details.sample) params.meterValue = [meterValue201(details.sample, view.options.energyUnit)];
  const extras = extras21(view, c, tx, eventType);
  view.queue.push({
    action: 'TransactionEvent',
    kind: trigger === 'MeterValuePeriodic' ? 'meter' : 'transaction',
    holdMs: details.holdMs,
    // What goes out depends on what the CSMS picked on the link it goes out on.
    build: () => {
      if (view.link.protocol() === 'ocpp2.1') return { ...params, ...extras.event, transactionInfo: { ...transactionInfo, ...extras.info } };
      return { ...params, triggerReason: TRIGGER_201[trigger] ?? trigger };
    },
    onAnswer: (answer) => {
      const { idTokenInfo, transactionLimit } = answer as { idTokenInfo?: { status: string }; transactionLimit?: TransactionLimit };
      // The CSMS refused the token after all (E05): stop charging.
      if (idTokenInfo && idTokenInfo.status !== 'Accepted' && !tx.ended) view.deauthorize(tx);
      if (transactionLimit && !tx.ended) view.limitGiven(tx, pickLimit(transactionLimit));
    },
  });
}

// 2.1: the tariff in use, the limit the station enforces, and the cost it
// reckons itself (costDetails) on every Updated and the Ended.
function extras21(view: StationView, c: Connector, tx: Transaction, eventType: string): { event: object; info: object } {
  const segment = tx.tariffs.at(-1);
  const info = { ...(segment ? { tariffId: segment.tariff.tariffId } : {}), ...(tx.limit ? { transactionLimit: { ...tx.limit } } : {}) };
  if (!segment || eventType === 'Started') return { event: {}, info };
  const costDetails = transactionCost(tx.tariffs, transactionUsage(tx, c.meter.registerWh), view.options.costSkewPercent);
  return { event: costDetails ? { costDetails } : {}, info };
}

// The latest limit replaces the one before, whole: a kind left out is no longer limited.
function pickLimit(given: TransactionLimit): TransactionLimit {
  const { maxCost, maxEnergy, maxTime, maxSoC } = given;
  return {
    ...(maxCost !== undefined ? { maxCost } : {}),
    ...(maxEnergy !== undefined ? { maxEnergy } : {}),
    ...(maxTime !== undefined ? { maxTime } : {}),
    ...(maxSoC !== undefined ? { maxSoC } : {}),
  };
}
