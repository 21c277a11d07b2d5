// A connector's status as Ladepay knows it, whatever OCPP version its station
// speaks (the OCPP adapter maps 1.6 ChargePointStatus and 2.0.1
// ConnectorStatusEnumType to these), and what a status says of the car.

export const CONNECTOR_STATUSES = [
  'available',
  'preparing', // car plugged in, no transaction yet
  'charging',
  'suspended_ev',
  'suspended_evse',
  'finishing',
  'reserved',
  'unavailable',
  'faulted',
  'occupied', // 2.0.1 "Occupied": something is plugged in, finer detail unknown
] as const;

export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

// A connector whose station has not reported it yet.
export type ConnectorStatusOrUnknown = ConnectorStatus | 'unknown';

// A car is plugged in, whether or not it draws power.
export const CAR_PLUGGED_IN = ['preparing', 'charging', 'suspended_ev', 'suspended_evse', 'finishing', 'occupied'] as const satisfies readonly ConnectorStatus[];

// The car a session waits for has come: plugged in, with no charge running
// (Charging) or just ended (Finishing) on the connector.
export const CAR_ARRIVED = ['preparing', 'occupied', 'suspended_ev', 'suspended_evse'] as const satisfies readonly (typeof CAR_PLUGGED_IN)[number][];

// The station is in a transaction on the connector, drawing power or paused.
export const CHARGING_STATUSES = ['charging', 'suspended_ev', 'suspended_evse'] as const satisfies readonly ConnectorStatus[];

// The connector shows no transaction: 1.6 Preparing is "plugged in, no
// transaction yet" (OCPP 1.6 §4.9), Available is nothing plugged in.
export const NO_TRANSACTION_STATUSES = ['available', 'preparing'] as const satisfies readonly ConnectorStatus[];

// Nothing is plugged in: OCPP 1.6 and 2.0.1 Available (a connector goes from
// 1.6 Finishing or 2.0.1 Occupied to Available when the cable is unplugged).
export const NO_CAR_STATUSES = ['available'] as const satisfies readonly ConnectorStatus[];

// A station that reports one of these for itself as a whole (OCPP 1.6
// connector 0, 2.0.1 EVSE 0) takes every connector with it.
export const STATION_WIDE_STATUSES = ['faulted', 'unavailable'] as const satisfies readonly ConnectorStatus[];

export function statusIn(group: readonly ConnectorStatus[], status: ConnectorStatusOrUnknown): boolean {
  return (group as readonly string[]).includes(status);
}

// A status read back from storage: anything Ladepay did not write is unknown.
export function connectorStatusOf(value: string): ConnectorStatusOrUnknown {
  return CONNECTOR_STATUSES.find((s) => s === value) ?? 'unknown';
}

// A connector reported Unavailable (taken out of service, perhaps while a
// charge ran on, which runs to its end) is not sold again until it reports
// Available: the charge's own statuses in between do not make it sellable.
// A fault is worse news and is kept.
export function stillUnavailable(stored: ConnectorStatusOrUnknown, reported: ConnectorStatus): boolean {
  return stored === 'unavailable' && reported !== 'available' && reported !== 'faulted';
}
