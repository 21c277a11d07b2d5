import { afterReply, type HandlerContext } from './handler-context.ts';
import { meterSample, readingsFrom16 } from './meter-values.ts';
import { ocpp16Commands } from './ocpp16-commands.ts';
import type {
  AuthorizeConf16,
  AuthorizeReq16,
  BootNotificationConf16,
  BootNotificationReq16,
  DataTransferConf16,
  DataTransferReq16,
  EmptyConf16,
  HeartbeatConf16,
  MeterValuesReq16,
  StartTransactionConf16,
  StartTransactionReq16,
  StatusNotificationReq16,
  StopTransactionConf16,
  StopTransactionReq16,
} from './ocpp16-types.ts';
import type { StationConnection } from './station-connection.ts';
import { authorizationStatusFor, connectorStatusFrom16, stopReasonFrom16 } from './status-mapping.ts';
import { registerTransferReports } from './transfer-reports.ts';

// Calls from an OCPP 1.6J charge point, translated into ChargerEvents.
export function registerOcpp16Handlers(conn: StationConnection, ctx: HandlerContext): void {
  const { events, logger } = ctx;
  const { stationId } = conn;

  conn.handle<BootNotificationReq16, BootNotificationConf16>('BootNotification', async (req) => {
    const at = ctx.now();
    await events.stationBooted({
      stationId,
      vendor: req.chargePointVendor,
      model: req.chargePointModel,
      firmware: req.firmwareVersion,
      serial: req.chargePointSerialNumber ?? req.chargeBoxSerialNumber,
      at,
    });
    // In the station's own order: what it sends after this boot (the status of
    // a connector it lost a transaction on) is handled once Ladepay knows it rebooted.
    conn.enqueue(() => events.stationReady(stationId, at));
    // Set after every boot: a reboot may have restored the station's own default.
    afterReply(logger, async () => {
      const outcome = await ocpp16Commands.setMeterInterval(conn, ctx.meterIntervalSeconds);
      if (outcome !== 'accepted') logger.warn({ stationId, outcome }, 'MeterValueSampleInterval not set');
    });
    return { status: 'Accepted', currentTime: at.toISOString(), interval: ctx.heartbeatIntervalSeconds };
  });

  conn.handle<Record<string, never>, HeartbeatConf16>('Heartbeat', async () => ({
    currentTime: ctx.now().toISOString(),
  }));

  conn.handle<StatusNotificationReq16, EmptyConf16>('StatusNotification', async (req) => {
    await events.connectorStatus({
      stationId,
      connectorNo: req.connectorId,
      status: connectorStatusFrom16(req.status),
      errorCode: req.errorCode,
      ...(req.info !== undefined ? { info: req.info } : {}),
      ...(req.vendorErrorCode !== undefined ? { vendorErrorCode: req.vendorErrorCode } : {}),
      ...(req.timestamp ? { at: new Date(req.timestamp) } : {}),
    });
    return {};
  });

  conn.handle<AuthorizeReq16, AuthorizeConf16>('Authorize', async (req) => {
    const verdict = await events.authorize(stationId, req.idTag);
    return { idTagInfo: { status: authorizationStatusFor(verdict) } };
  });

  conn.handle<StartTransactionReq16, StartTransactionConf16>('StartTransaction', async (req) => {
    const { verdict, transactionId } = await events.transactionStarted({
      stationId,
      connectorNo: req.connectorId,
      idTag: req.idTag,
      meterStartWh: req.meterStart,
      at: new Date(req.timestamp),
    });
    // OCPP 1.6 §6.46: the transaction id is an integer the Central System assigns.
    const id = Number(transactionId);
    if (!/^-?\d+$/.test(transactionId) || !Number.isSafeInteger(id)) {
      throw new Error(`transactionStarted returned "${transactionId}", not an integer transaction id`);
    }
    return { idTagInfo: { status: authorizationStatusFor(verdict) }, transactionId: id };
  });

  conn.handle<MeterValuesReq16, EmptyConf16>('MeterValues', async (req) => {
    const transactionId = req.transactionId === undefined ? undefined : String(req.transactionId);
    for (const reading of readingsFrom16(req.meterValue)) {
      await events.meterValues(meterSample(stationId, req.connectorId, transactionId, reading));
    }
    return {};
  });

  conn.handle<StopTransactionReq16, StopTransactionConf16>('StopTransaction', async (req) => {
    const transactionId = String(req.transactionId);
    // The readings the station kept for this transaction come first, so that
    // the session has them before it closes.
    for (const reading of readingsFrom16(req.transactionData ?? [])) {
      await events.meterValues(meterSample(stationId, undefined, transactionId, reading));
    }
    // The station's own timestamp: a stop queued while offline arrives late
    // and still ends the transaction when it really ended.
    const { ours } = await events.transactionEnded({
      stationId,
      transactionId,
      idTag: req.idTag,
      meterStopWh: req.meterStop,
      at: new Date(req.timestamp),
      reason: stopReasonFrom16(req.reason),
    });
    // The transaction is over either way. A tag of another station's session
    // is Invalid here, as in Authorize: the answer tells a station nothing.
    return req.idTag === undefined ? {} : { idTagInfo: { status: ours ? 'Accepted' : 'Invalid' } };
  });

  conn.handle<DataTransferReq16, DataTransferConf16>('DataTransfer', async (req) => {
    logger.info({ stationId, vendorId: req.vendorId, messageId: req.messageId }, 'DataTransfer from an unknown vendor');
    return { status: 'UnknownVendorId' };
  });

  // Firmware and diagnostics progress, kept for the operator.
  registerTransferReports(conn, ctx);
}
