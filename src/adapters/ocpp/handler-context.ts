import type { ChargerEvents } from '../../usecases/ports/charger.ts';
import type { StationReports } from '../../usecases/ports/charger-operations.ts';
import type { Logger } from './logger.ts';
import type { TransactionTracker } from './transaction-tracker.ts';

// What the per-version handlers of station calls need.
export interface HandlerContext {
  events: ChargerEvents;
  // Firmware and diagnostics progress (transfer-reports.ts).
  reports: StationReports;
  logger: Logger;
  tracker: TransactionTracker;
  heartbeatIntervalSeconds: number;
  meterIntervalSeconds: number;
  // Ladepay's clock (a test or a harness may shift or scale it).
  now: () => Date;
}

// Runs after the answer to the current call has gone out: ocpp-rpc sends the
// answer in the microtasks that follow the handler's return, before any
// macrotask. OCPP 1.6 §4.2 / 2.0.1 B01: the CSMS configures a station only
// once its BootNotification has been accepted.
export function afterReply(logger: Logger, task: () => Promise<void>): void {
  setImmediate(() => {
    task().catch((err: unknown) => logger.error({ err }, 'work after an OCPP answer failed'));
  });
}
