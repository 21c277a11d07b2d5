// The charge-point simulator as a library: OCPP 1.6J, 2.0.1 and 2.1 stations
// with cars that draw power, for any CSMS. Stand-alone: nothing here depends on Ladepay.
export { startChargePoint } from './start-charge-point.ts';
export { startFleet, fleetStationIds, fleetProtocol } from './fleet.ts';
export { ConnectError } from './connect-error.ts';
export { defaultCar, carAcceptanceW, charge } from './car-model.ts';
export { transactionCost, round2 } from './tariff-cost.ts';
export { PAY_MESSAGE_ID, PAY_VENDOR_ID } from './pay-button.ts';
export type { ChargePoint, ConnectorView, RebootOptions, WaitForOptions } from './charge-point.ts';
export type { ChargePointOptions } from './charge-point-options.ts';
export type { Fleet, FleetOptions } from './fleet.ts';
export type { CarModel, ChargeResult } from './car-model.ts';
export type { Frame, ParsedFrame } from './frame-log.ts';
export type { LimitsView } from './limits-view.ts';
export type { CostDetails, TariffSegment, Usage } from './tariff-cost.ts';
export type { Tariff } from './tariff.ts';
export type { LimitKind, LimitReached, TransactionLimit } from './transaction-limit.ts';
export type { Logger } from './logger.ts';
export type { Protocol } from './ocpp-link.ts';
export type { BootReason, ChargePointEvent } from './station-view.ts';
export type { StopReason } from './transaction.ts';
