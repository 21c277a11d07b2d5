import type { TariffSegment, Usage } from './tariff-cost.ts';
import type { LimitReached, TransactionLimit } from './transaction-limit.ts';

// A transaction as the station keeps it, whatever protocol it speaks.

// Why a transaction ended. OCPP 1.6 and 2.0.1 each take a subset; the dialects map.
export type StopReason =
  | 'Remote'
  | 'Local'
  | 'EVDisconnected'
  | 'Reboot'
  | 'PowerLoss'
  | 'SoftReset'
  | 'HardReset'
  | 'ImmediateReset'
  | 'DeAuthorized'
  | 'UnlockCommand'
  | 'EmergencyStop'
  // 2.0.1 only (a 1.6 station says Other):
  | 'GroundFault'
  | 'OvercurrentFault'
  | 'StoppedByEV'
  | 'SOCLimitReached'
  | 'EnergyLimitReached'
  | 'TimeLimitReached'
  // 2.1 transactionLimit.maxCost; ReasonEnumType has no value for it, the dialect says Other.
  | 'CostLimitReached'
  | 'Other';

// What made the station send a transaction message (2.0.1 triggerReason; 1.6 ignores it).
export type TxTrigger =
  | 'RemoteStart'
  | 'CablePluggedIn'
  | 'ChargingStateChanged'
  | 'MeterValuePeriodic'
  | 'Trigger'
  | 'StopAuthorized'
  | 'RemoteStop'
  | 'EVDeparted'
  | 'ResetCommand'
  | 'AbnormalCondition'
  | 'UnlockCommand'
  | 'Deauthorized'
  | 'Authorized' // a local start: an idToken presented at the station
  | 'EnergyLimitReached'
  | 'TimeLimitReached'
  // OCPP 2.1 only:
  | 'CostLimitReached'
  | 'SoCLimitReached'
  | 'TariffChanged';

// 2.0.1 chargingState; the station derives it for both protocols.
export type ChargingState = 'Charging' | 'EVConnected' | 'SuspendedEV' | 'SuspendedEVSE' | 'Idle';

export interface StartAuth {
  idTag: string;
  tokenType: string; // 2.0.1 IdTokenEnumType; 'Central' for a CSMS remote start
  remoteStartId?: number;
}

export interface Transaction {
  readonly localId: string; // a UUID: the 2.0.1 transactionId
  csmsId?: number; // 1.6: given by the CSMS in StartTransaction.conf
  readonly auth: StartAuth;
  readonly meterStartWh: number;
  readonly startedAt: Date;
  seqNo: number; // 2.0.1: next TransactionEvent seqNo
  lastChargingState?: ChargingState;
  ended: boolean;
  // Simulated time in the transaction with energy flowing, and without.
  chargingMs: number;
  idleMs: number;
  // 2.1: the tariffs that priced it, in order (empty: the station has no price for it).
  tariffs: TariffSegment[];
  limit?: TransactionLimit; // 2.1: the latest the CSMS gave
  limitReached?: LimitReached;
}

export function transactionUsage(tx: Transaction, registerWh: number): Usage {
  return { energyWh: registerWh - tx.meterStartWh, chargingSeconds: tx.chargingMs / 1000, idleSeconds: tx.idleMs / 1000 };
}
