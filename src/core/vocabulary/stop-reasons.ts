// Who or what ended a session's charge.
export const STOP_SOURCES = ['driver', 'operator', 'cost_guard', 'station', 'start_timeout', 'station_silent'] as const;

export type StopSource = (typeof STOP_SOURCES)[number];

// Why a station ended a transaction, whatever OCPP version it speaks (the
// OCPP adapter maps 1.6 Reason and 2.0.1 ReasonEnumType to these). The driver
// reads each in plain words on the status page and the receipt page.
export const STATION_STOP_REASONS = [
  'remote', // asked by Ladepay (driver, cost guard, operator)
  'local', // the station's own stop button or the driver at the station
  'ev_disconnected',
  'power_loss',
  'reboot',
  'deauthorized',
  'emergency_stop',
  'ground_fault',
  'overcurrent_fault',
  'power_quality',
  'energy_limit_reached',
  'cost_limit_reached', // OCPP 2.1: the station held the driver's maximum itself
  'soc_limit_reached',
  'time_limit_reached',
  'stopped_by_ev',
  'timeout',
  'out_of_credit',
  'other',
] as const;

export type StationStopReason = (typeof STATION_STOP_REASONS)[number];
