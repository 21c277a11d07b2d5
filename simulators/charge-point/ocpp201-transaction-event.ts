import { meterValue201 } from './ocpp201-meter-values.ts';
import type { Connector } from './connector.ts';
import type { MeterSample } from './energy-meter.ts';
import type { StationView } from './station-view.ts';
import type { ChargingState, Transaction, TxTrigger } from './transaction.ts';

// OCPP 2.0.1 E01–E07 TransactionEventRequest, queued in order. seqNo and the
// offline flag are fixed when the event happens, not when it is finally sent.

export interface TransactionEventDetails {
  chargingState?: ChargingState;
  stoppedReason?: string;
  sample?: MeterSample;
  withIdToken?: boolean;
  remoteStartId?: number;
  holdMs?: number; // sent late, after later events (seqNo and timestamp stay those of now)
}

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
  view.queue.push({
    action: 'TransactionEvent',
    kind: trigger === 'MeterValuePeriodic' ? 'meter' : 'transaction',
    holdMs: details.holdMs,
    build: () => params,
    onAnswer: (answer) => {
      const status = (answer as { idTokenInfo?: { status: string } }).idTokenInfo?.status;
      // The CSMS refused the token after all (E05): stop charging.
      if (status !== undefined && status !== 'Accepted' && !tx.ended) view.deauthorize(tx);
    },
  });
}
