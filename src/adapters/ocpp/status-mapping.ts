import type { ConnectorStatus } from '../../core/vocabulary/connector-status.ts';
import type { StationStopReason } from '../../core/vocabulary/stop-reasons.ts';
import type { IdTagVerdict } from '../../usecases/ports/charger.ts';
import type { AuthorizationStatus16, ChargePointStatus16, StopReason16 } from './ocpp16-types.ts';
import type { AuthorizationStatus201, ConnectorStatus201, StopReason201 } from './ocpp201-types.ts';

const STATUS_16: Record<ChargePointStatus16, ConnectorStatus> = {
  Available: 'available',
  Preparing: 'preparing',
  Charging: 'charging',
  SuspendedEV: 'suspended_ev',
  SuspendedEVSE: 'suspended_evse',
  Finishing: 'finishing',
  Reserved: 'reserved',
  Unavailable: 'unavailable',
  Faulted: 'faulted',
};

const STATUS_201: Record<ConnectorStatus201, ConnectorStatus> = {
  Available: 'available',
  Occupied: 'occupied',
  Reserved: 'reserved',
  Unavailable: 'unavailable',
  Faulted: 'faulted',
};

export function connectorStatusFrom16(status: ChargePointStatus16): ConnectorStatus {
  return STATUS_16[status];
}

export function connectorStatusFrom201(status: ConnectorStatus201): ConnectorStatus {
  return STATUS_201[status];
}

const REASON_16: Record<StopReason16, StationStopReason> = {
  Remote: 'remote',
  UnlockCommand: 'remote', // the unlock was asked for by Ladepay
  Local: 'local',
  EVDisconnected: 'ev_disconnected',
  PowerLoss: 'power_loss',
  Reboot: 'reboot',
  HardReset: 'reboot',
  SoftReset: 'reboot',
  DeAuthorized: 'deauthorized',
  EmergencyStop: 'emergency_stop',
  Other: 'other',
};

const REASON_201: Record<StopReason201, StationStopReason> = {
  Remote: 'remote',
  Local: 'local',
  MasterPass: 'local',
  EVDisconnected: 'ev_disconnected',
  PowerLoss: 'power_loss',
  Reboot: 'reboot',
  ImmediateReset: 'reboot',
  DeAuthorized: 'deauthorized',
  EmergencyStop: 'emergency_stop',
  EnergyLimitReached: 'energy_limit_reached',
  GroundFault: 'ground_fault',
  LocalOutOfCredit: 'out_of_credit',
  Other: 'other',
  OvercurrentFault: 'overcurrent_fault',
  PowerQuality: 'power_quality',
  SOCLimitReached: 'soc_limit_reached',
  StoppedByEV: 'stopped_by_ev',
  TimeLimitReached: 'time_limit_reached',
  Timeout: 'timeout',
};

// OCPP 1.6 §6.49 and 2.0.1 TransactionType.stoppedReason: an absent reason
// means Local.
export function stopReasonFrom16(reason: StopReason16 | undefined): StationStopReason {
  return REASON_16[reason ?? 'Local'];
}

// OCPP 2.1 adds no stoppedReason for a cost limit: a station that ends the
// transaction at its transactionLimit.maxCost says so in the triggerReason.
export function stopReasonFrom201(reason: StopReason201 | undefined, triggerReason?: string): StationStopReason {
  if (triggerReason === 'CostLimitReached') return 'cost_limit_reached';
  if (triggerReason === 'EnergyLimitReached') return 'energy_limit_reached';
  return REASON_201[reason ?? 'Local'];
}

const VERDICT: Record<IdTagVerdict, AuthorizationStatus16 & AuthorizationStatus201> = {
  accepted: 'Accepted',
  invalid: 'Invalid',
  blocked: 'Blocked',
  expired: 'Expired',
};

export function authorizationStatusFor(verdict: IdTagVerdict): AuthorizationStatus16 & AuthorizationStatus201 {
  return VERDICT[verdict];
}

// 2.0.1 TransactionType.chargingState as the connector status it amounts to
// for the transaction's session. Idle (no car ready) says nothing a status or
// the transaction's end does not say better.
const CHARGING_STATE_201: Record<string, ConnectorStatus | undefined> = {
  Charging: 'charging',
  SuspendedEV: 'suspended_ev',
  SuspendedEVSE: 'suspended_evse',
  EVConnected: 'occupied',
};

// TriggerReasonEnumType values that report a fault on the transaction.
const FAULT_TRIGGERS_201: Record<string, { errorCode?: string } | undefined> = {
  AbnormalCondition: {},
  EVCommunicationLost: { errorCode: 'EVCommunicationError' },
};

export function chargingConditionFrom201(
  chargingState: string | undefined,
  triggerReason: string,
): { status: ConnectorStatus; fault?: { errorCode?: string; info?: string } } | undefined {
  const fault = FAULT_TRIGGERS_201[triggerReason];
  if (fault) return { status: 'faulted', fault: { ...fault, info: triggerReason } };
  const status = chargingState === undefined ? undefined : CHARGING_STATE_201[chargingState];
  return status === undefined ? undefined : { status };
}
