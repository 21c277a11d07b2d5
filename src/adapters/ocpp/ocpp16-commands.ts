import type { Ocpp16Commands } from './ocpp16-types.ts';
import { commandOutcome as outcome, type ProtocolCommands } from './protocol-commands.ts';
import type { StationConnection } from './station-connection.ts';

// Ladepay's commands as OCPP 1.6J calls (CSMS → charge point).
export const ocpp16Commands: ProtocolCommands = {
  async remoteStart(conn, connectorNo, idTag) {
    // 1.6 has no remoteStartId: the per-session idTag ties the
    // StartTransaction that follows to the session.
    const req: Ocpp16Commands['RemoteStartTransaction']['req'] = { idTag };
    if (connectorNo > 0) req.connectorId = connectorNo;
    return outcome(await call(conn, 'RemoteStartTransaction', req), (c) => c.status === 'Accepted');
  },

  async remoteStop(conn, transactionId) {
    const id = Number(transactionId);
    // OCPP 1.6 §6.35: the transaction id is an integer; anything else was never a 1.6 transaction.
    if (!/^-?\d+$/.test(transactionId) || !Number.isSafeInteger(id)) return 'error';
    return outcome(await call(conn, 'RemoteStopTransaction', { transactionId: id }), (c) => c.status === 'Accepted');
  },

  // 1.6 cannot be asked about a transaction directly. F06 TriggerMessage
  // MeterValues makes the station send its readings now, with the
  // transaction id while one runs on the connector: those readings answer.
  async transactionStatus(conn, connectorNo) {
    await call(conn, 'TriggerMessage', { requestedMessage: 'MeterValues', connectorId: connectorNo });
    return 'unknown';
  },

  async setMeterInterval(conn, seconds) {
    const result = await call(conn, 'ChangeConfiguration', { key: 'MeterValueSampleInterval', value: String(seconds) });
    return outcome(result, (c) => c.status === 'Accepted' || c.status === 'RebootRequired');
  },

  async triggerStatus(conn, connectorNo) {
    const req: Ocpp16Commands['TriggerMessage']['req'] = { requestedMessage: 'StatusNotification' };
    if (connectorNo !== undefined) req.connectorId = connectorNo;
    return outcome(await call(conn, 'TriggerMessage', req), (c) => c.status === 'Accepted');
  },

  async reset(conn, kind) {
    const type = kind === 'hard' ? 'Hard' : 'Soft';
    return outcome(await call(conn, 'Reset', { type }), (c) => c.status === 'Accepted');
  },

  async unlock(conn, connectorNo) {
    return outcome(await call(conn, 'UnlockConnector', { connectorId: connectorNo }), (c) => c.status === 'Unlocked');
  },

  async changeAvailability(conn, connectorNo, available) {
    const type = available ? 'Operative' : 'Inoperative';
    const result = await call(conn, 'ChangeAvailability', { connectorId: connectorNo, type });
    return outcome(result, (c) => c.status === 'Accepted' || c.status === 'Scheduled');
  },
};

function call<A extends keyof Ocpp16Commands>(conn: StationConnection, action: A, req: Ocpp16Commands[A]['req']) {
  return conn.call<Ocpp16Commands[A]['conf']>(action, req);
}
