import { afterReply, type HandlerContext } from './handler-context.ts';
import { meterSample, readingsFrom201 } from './meter-values.ts';
import { ocpp201Commands } from './ocpp201-commands.ts';
import { createTransactionEventHandler } from './ocpp201-transaction-events.ts';
import type {
  AuthorizeConf201,
  AuthorizeReq201,
  BootNotificationConf201,
  BootNotificationReq201,
  DataTransferConf201,
  DataTransferReq201,
  EmptyConf201,
  HeartbeatConf201,
  MeterValuesReq201,
  StatusNotificationReq201,
  TransactionEventConf201,
  TransactionEventReq201,
} from './ocpp201-types.ts';
import type { StationConnection } from './station-connection.ts';
import { registerNotifyEvent } from './ocpp201-notify-event.ts';
import { LADEPAY_VENDOR, payOnScreen } from './pay-on-screen.ts';
import { authorizationStatusFor, connectorStatusFrom201 } from './status-mapping.ts';
import { registerTransferReports } from './transfer-reports.ts';

// Calls from an OCPP 2.0.1 charging station, translated into ChargerEvents.
export function registerOcpp201Handlers(conn: StationConnection, ctx: HandlerContext): void {
  const { events, logger, tracker } = ctx;
  const { stationId } = conn;

  conn.handle<BootNotificationReq201, BootNotificationConf201>('BootNotification', async (req) => {
    const at = ctx.now();
    await events.stationBooted({
      stationId,
      vendor: req.chargingStation.vendorName,
      model: req.chargingStation.model,
      firmware: req.chargingStation.firmwareVersion,
      serial: req.chargingStation.serialNumber,
      at,
    });
    // In the station's own order: what it sends after this boot (the status of
    // a connector it lost a transaction on) is handled once Ladepay knows it rebooted.
    conn.enqueue(() => events.stationReady(stationId, at));
    // Set after every boot: a reboot may have restored the station's own default.
    afterReply(logger, async () => {
      const outcome = await ocpp201Commands.setMeterInterval(conn, ctx.meterIntervalSeconds);
      if (outcome !== 'accepted') logger.warn({ stationId, outcome }, 'SampledDataCtrlr.TxUpdatedInterval not set');
    });
    return { status: 'Accepted', currentTime: at.toISOString(), interval: ctx.heartbeatIntervalSeconds };
  });

  conn.handle<Record<string, never>, HeartbeatConf201>('Heartbeat', async () => ({
    currentTime: ctx.now().toISOString(),
  }));

  conn.handle<StatusNotificationReq201, EmptyConf201>('StatusNotification', async (req) => {
    // EVSE 0 is the whole station (2.0.1 part 1, 3.2: "EVSE Id 0 is reserved for the Charging Station").
    await events.connectorStatus({
      stationId,
      connectorNo: req.evseId,
      status: connectorStatusFrom201(req.connectorStatus),
      at: new Date(req.timestamp),
    });
    return {};
  });

  conn.handle<AuthorizeReq201, AuthorizeConf201>('Authorize', async (req) => {
    const verdict = await events.authorize(stationId, req.idToken.idToken);
    return { idTokenInfo: { status: authorizationStatusFor(verdict) } };
  });

  conn.handle<TransactionEventReq201, TransactionEventConf201>(
    'TransactionEvent',
    createTransactionEventHandler(stationId, ctx, conn.protocol),
  );

  conn.handle<MeterValuesReq201, EmptyConf201>('MeterValues', async (req) => {
    for (const reading of readingsFrom201(req.meterValue)) {
      if (reading.energyWh !== undefined) tracker.noteEnergy(stationId, req.evseId, reading.energyWh, reading.at);
      await events.meterValues(meterSample(stationId, req.evseId, undefined, reading));
    }
    return {};
  });

  conn.handle<DataTransferReq201, DataTransferConf201>('DataTransfer', async (req) => {
    if (req.vendorId === LADEPAY_VENDOR && events.paymentAsked) return payOnScreen(conn, ctx, req);
    logger.info({ stationId, vendorId: req.vendorId, messageId: req.messageId }, 'DataTransfer from an unknown vendor');
    return { status: 'UnknownVendorId' };
  });

  // A problem a component reports: the detail of a fault (ocpp201-notify-event.ts).
  registerNotifyEvent(conn, ctx);
  // Reports and notifications Ladepay has no use for, acknowledged so the
  // station moves on (B07 NotifyReport, A04 security events).
  for (const action of ['NotifyReport', 'SecurityEventNotification']) {
    conn.handle<unknown, EmptyConf201>(action, async () => ({}));
  }
  // Firmware and log upload progress, kept for the operator.
  registerTransferReports(conn, ctx);
}
