import { createRPCError } from 'ocpp-rpc';
import { registerFirmwareAndLogs } from './firmware-and-logs.ts';
import { meterValue201 } from './ocpp201-meter-values.ts';
import { registerOcpp201DeviceModel } from './ocpp201-device-model.ts';
import { registerScreen201, SCREEN_ACTIONS_201 } from './ocpp201-screen.ts';
import { registerOcpp21Handlers } from './ocpp21-handlers.ts';
import type { Connector } from './connector.ts';
import type { Dialect, StationView } from './station-view.ts';

// OCPP 2.0.1 calls from the CSMS. Strict mode has checked every request
// against its schema before a handler runs, so the casts below hold.

// Recognised but not offered by this station: NotSupported. Actions not in
// 2.0.1 at all get NotImplemented from ocpp-rpc.
const NOT_SUPPORTED = [
  'CancelReservation', 'CertificateSigned', 'ClearChargingProfile', 'ClearDisplayMessage', 'ClearVariableMonitoring',
  'CostUpdated', 'CustomerInformation', 'DeleteCertificate', 'GetChargingProfiles', 'GetCompositeSchedule',
  'GetDisplayMessages', 'GetInstalledCertificateIds', 'GetLocalListVersion', 'GetMonitoringReport', 'GetReport',
  'InstallCertificate', 'PublishFirmware', 'ReserveNow', 'SendLocalList', 'SetChargingProfile', 'SetDisplayMessage',
  'SetMonitoringBase', 'SetMonitoringLevel', 'SetNetworkProfile', 'SetVariableMonitoring', 'UnpublishFirmware',
];

interface EvseRef {
  id: number;
  connectorId?: number;
}

export function registerOcpp201Handlers(view: StationView, dialect: Dialect): void {
  const link = view.link;
  const log = view.options.logger;
  const transfers = registerFirmwareAndLogs(view);

  link.handle('RequestStartTransaction', (p) => {
    const req = p as { evseId?: number; remoteStartId: number; idToken: { idToken: string; type: string } };
    const auth = { idTag: req.idToken.idToken, tokenType: req.idToken.type, remoteStartId: req.remoteStartId };
    return { status: view.remoteStart(auth, req.evseId) };
  });

  link.handle('RequestStopTransaction', (p) => {
    const { transactionId } = p as { transactionId: string };
    const connector = view.connectors().find((c) => c.tx?.localId === transactionId);
    // A station that lost the transaction may say so (the reasonCode is free text in 2.0.1 StatusInfoType).
    if (!connector) return view.options.txNotFoundReason ? { status: 'Rejected', statusInfo: { reasonCode: 'TxNotFound' } } : { status: 'Rejected' };
    if (view.rejectsRemoteStop()) return { status: 'Rejected' };
    view.remoteStop(connector);
    return { status: 'Accepted' };
  });

  link.handle('TriggerMessage', (p) => {
    const { requestedMessage, evse } = p as { requestedMessage: string; evse?: EvseRef };
    const target = evse ? view.connector(evse.id) : undefined;
    if (evse && !target) return { status: 'Rejected' };
    const targets = target ? [target] : [...view.connectors()];
    const withTx = targets.filter((c) => c.tx !== undefined);
    if (requestedMessage === 'TransactionEvent' && withTx.length === 0) return { status: 'Rejected' };
    const work: Record<string, () => void> = {
      BootNotification: () => {
        dialect.boot('Triggered').then(
          (answer) => view.bootAnswered(answer),
          (err: unknown) => log.warn('triggered BootNotification failed:', String(err)),
        );
      },
      Heartbeat: () => dialect.heartbeat(),
      StatusNotification: () => targets.forEach((c) => dialect.sendStatus(c)),
      MeterValues: () => targets.forEach((c) => triggeredMeterValues(view, c)),
      TransactionEvent: () => withTx.forEach((c) => c.tx && dialect.txSample(c, c.tx, c.sample(view.now(), 'Trigger'))),
      FirmwareStatusNotification: () => transfers.sendFirmwareStatus(),
      LogStatusNotification: () => transfers.sendLogStatus(),
    };
    const send = work[requestedMessage];
    if (!send) return { status: 'NotImplemented' };
    link.afterReply(send);
    return { status: 'Accepted' };
  });

  link.handle('Reset', (p) => {
    const { type, evseId } = p as { type: 'Immediate' | 'OnIdle' | 'ImmediateAndResume'; evseId?: number };
    if (evseId !== undefined) return { status: 'Rejected', statusInfo: { reasonCode: 'NoEvseReset' } };
    // 2.1 ImmediateAndResume: this station does not resume transactions after a reset.
    return { status: view.reset(type === 'OnIdle' ? 'OnIdle' : 'Immediate') };
  });

  link.handle('UnlockConnector', (p) => {
    const { evseId, connectorId } = p as { evseId: number; connectorId: number };
    const connector = view.connector(evseId);
    if (!connector || connectorId !== 1) return { status: 'UnknownConnector' };
    // F05: an authorized transaction keeps its cable locked.
    if (connector.tx) return { status: 'OngoingAuthorizedTransaction' };
    view.unlock(connector);
    return { status: 'Unlocked' };
  });

  link.handle('ChangeAvailability', (p) => {
    const { operationalStatus, evse } = p as { operationalStatus: 'Inoperative' | 'Operative'; evse?: EvseRef };
    const target = evse ? view.connector(evse.id) : 'station';
    if (!target) return { status: 'Rejected' };
    return { status: view.changeAvailability(target, operationalStatus === 'Operative') };
  });

  link.handle('GetTransactionStatus', (p) => {
    const { transactionId } = p as { transactionId?: string };
    const messagesInQueue = view.queue.length > 0;
    if (transactionId === undefined) return { messagesInQueue };
    const ongoingIndicator = view.connectors().some((c) => c.tx?.localId === transactionId);
    return { ongoingIndicator, messagesInQueue };
  });

  link.handle('DataTransfer', () => ({ status: 'UnknownVendorId' }));
  link.handle('ClearCache', () => ({ status: 'Accepted' }));
  registerOcpp201DeviceModel(view);
  const screen = view.screen.option === 'display-messages';
  if (screen) registerScreen201(link, view.screen);

  for (const action of NOT_SUPPORTED.filter((a) => !screen || !SCREEN_ACTIONS_201.includes(a))) {
    link.handle(action, () => {
      throw createRPCError('NotSupported', `${action} is not supported by this station`);
    });
  }
  if (view.options.offer.includes('ocpp2.1')) registerOcpp21Handlers(view);
}

function triggeredMeterValues(view: StationView, c: Connector): void {
  const meterValue = [meterValue201(c.sample(view.now(), 'Trigger'), view.options.energyUnit)];
  void view.link.fire('MeterValues', { evseId: c.no, meterValue });
}
