import { createRPCError } from 'ocpp-rpc';
import { registerFirmwareAndLogs } from './firmware-and-logs.ts';
import { configurationKeys16 } from './ocpp16-configuration.ts';
import { meterValue16 } from './ocpp16-meter-values.ts';
import { costMessage16, screenKeys16 } from './ocpp16-screen.ts';
import type { Connector } from './connector.ts';
import type { Dialect, StationView } from './station-view.ts';

// OCPP 1.6J calls from the CSMS. Strict mode has checked every request
// against its schema before a handler runs, so the casts below hold.

// Recognised but not offered by this station: NotSupported (§4.2.3). Actions
// not in 1.6 at all get NotImplemented from ocpp-rpc.
const NOT_SUPPORTED = [
  'CancelReservation', 'ClearChargingProfile', 'GetCompositeSchedule', 'GetLocalListVersion',
  'ReserveNow', 'SendLocalList', 'SetChargingProfile',
];

export function registerOcpp16Handlers(view: StationView, dialect: Dialect): void {
  const link = view.link;
  const log = view.options.logger;
  const transfers = registerFirmwareAndLogs(view);
  // The station's keys, and its screen's with the display option.
  const keys = () => [...configurationKeys16(view), ...screenKeys16(view)];

  link.handle('RemoteStartTransaction', (p) => {
    const req = p as { idTag: string; connectorId?: number };
    return { status: view.remoteStart({ idTag: req.idTag, tokenType: 'Central' }, req.connectorId) };
  });

  link.handle('RemoteStopTransaction', (p) => {
    const { transactionId } = p as { transactionId: number };
    const connector = view.connectors().find((c) => c.tx !== undefined && c.tx.csmsId === transactionId);
    if (!connector || view.rejectsRemoteStop()) return { status: 'Rejected' };
    view.remoteStop(connector);
    return { status: 'Accepted' };
  });

  link.handle('ChangeConfiguration', (p) => {
    const { key, value } = p as { key: string; value: string };
    const entry = keys().find((k) => k.key.toLowerCase() === key.toLowerCase());
    if (!entry) return { status: 'NotSupported' };
    if (entry.readonly || !entry.set) return { status: 'Rejected' };
    if (!entry.set(value)) return { status: 'Rejected' };
    return { status: entry.rebootRequired ? 'RebootRequired' : 'Accepted' };
  });

  link.handle('GetConfiguration', (p) => {
    const { key } = p as { key?: string[] };
    const all = keys();
    const wanted = key && key.length > 0 ? key : all.map((k) => k.key);
    const found = wanted.flatMap((name) => all.filter((k) => k.key.toLowerCase() === name.toLowerCase()));
    const unknownKey = wanted.filter((name) => !all.some((k) => k.key.toLowerCase() === name.toLowerCase()));
    return {
      configurationKey: found.map((k) => ({ key: k.key, readonly: k.readonly, value: k.value() })),
      ...(unknownKey.length > 0 ? { unknownKey } : {}),
    };
  });

  link.handle('TriggerMessage', (p) => {
    const { requestedMessage, connectorId } = p as { requestedMessage: string; connectorId?: number };
    const target = connectorId === undefined || connectorId === 0 ? undefined : view.connector(connectorId);
    if (connectorId !== undefined && connectorId !== 0 && !target) return { status: 'Rejected' };
    const targets = target ? [target] : view.connectors();
    const work: Record<string, () => void> = {
      BootNotification: () => {
        dialect.boot('Triggered').then(
          (answer) => view.bootAnswered(answer),
          (err: unknown) => log.warn('triggered BootNotification failed:', String(err)),
        );
      },
      Heartbeat: () => dialect.heartbeat(),
      StatusNotification: () => (target ? dialect.sendStatus(target) : dialect.sendAllStatuses()),
      MeterValues: () => targets.forEach((c) => triggeredMeterValues(view, dialect, c)),
      DiagnosticsStatusNotification: () => transfers.sendLogStatus(),
      FirmwareStatusNotification: () => transfers.sendFirmwareStatus(),
    };
    const send = work[requestedMessage];
    if (!send) return { status: 'NotImplemented' };
    link.afterReply(send);
    return { status: 'Accepted' };
  });

  link.handle('Reset', (p) => {
    const { type } = p as { type: 'Hard' | 'Soft' };
    view.reset(type);
    return { status: 'Accepted' };
  });

  link.handle('UnlockConnector', (p) => {
    const connector = view.connector((p as { connectorId: number }).connectorId);
    if (!connector) return { status: 'UnlockFailed' };
    // §5.18: a running transaction is stopped first (reason UnlockCommand).
    view.unlock(connector);
    return { status: 'Unlocked' };
  });

  link.handle('ChangeAvailability', (p) => {
    const { connectorId, type } = p as { connectorId: number; type: 'Inoperative' | 'Operative' };
    const target = connectorId === 0 ? 'station' : view.connector(connectorId);
    if (!target) return { status: 'Rejected' };
    return { status: view.changeAvailability(target, type === 'Operative') };
  });

  // California Pricing's messages with the display option; otherwise no vendor is known.
  link.handle('DataTransfer', (p) => costMessage16(view.screen, p as { vendorId: string; messageId?: string; data?: string }));
  link.handle('ClearCache', () => ({ status: 'Accepted' }));

  for (const action of NOT_SUPPORTED) {
    link.handle(action, () => {
      throw createRPCError('NotSupported', `${action} is not supported by this station`);
    });
  }
}

function triggeredMeterValues(view: StationView, dialect: Dialect, c: Connector): void {
  const sample = c.sample(view.now(), 'Trigger');
  if (c.tx) {
    dialect.txSample(c, c.tx, sample);
    return;
  }
  void view.link.fire('MeterValues', { connectorId: c.no, meterValue: [meterValue16(sample, view.options.energyUnit)] });
}
