// A fault a connector reported, in the words a driver reads (the OCPP 1.6
// ChargePointErrorCode values, §7.6, grouped; 2.0.1 reports no code with a
// Faulted status, and its EVCommunicationLost trigger maps to the 1.6 code).
export const FAULT_KINDS = [
  'ground_fault',
  'over_current',
  'over_voltage',
  'under_voltage',
  'high_temperature',
  'ev_communication',
  'connector_lock',
  'power_meter',
  'power_switch',
  'other',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

const BY_CODE: Record<string, FaultKind> = {
  GroundFailure: 'ground_fault',
  OverCurrentFailure: 'over_current',
  OverVoltage: 'over_voltage',
  UnderVoltage: 'under_voltage',
  HighTemperature: 'high_temperature',
  EVCommunicationError: 'ev_communication',
  ConnectorLockFailure: 'connector_lock',
  PowerMeterFailure: 'power_meter',
  PowerSwitchFailure: 'power_switch',
};

export function faultKindOf(errorCode: string | undefined): FaultKind {
  return (errorCode !== undefined && BY_CODE[errorCode]) || 'other';
}
