import type { Ocpp16Commands } from './ocpp16-types.ts';
import type { Ocpp16OperationCalls } from './ocpp16-operation-types.ts';
import { stationAnswer, type ProtocolOperations } from './protocol-operations.ts';
import type { StationConnection } from './station-connection.ts';

type Calls = Ocpp16Commands & Ocpp16OperationCalls;

// The operator's station operations as OCPP 1.6J calls (CSMS → charge point).
export const ocpp16Operations: ProtocolOperations = {
  // §5.14: a Soft reset ends transactions and restarts the software; Hard the hardware.
  async resetStation(conn, kind) {
    return stationAnswer(await call(conn, 'Reset', { type: kind === 'hard' ? 'Hard' : 'Soft' }), ['Accepted']);
  },

  // §5.18: a transaction on the connector is stopped first (reason UnlockCommand).
  async unlockConnector(conn, connectorNo) {
    return stationAnswer(await call(conn, 'UnlockConnector', { connectorId: connectorNo }), ['Unlocked']);
  },

  // §5.2: connector 0 is the whole charge point; Scheduled while a transaction runs.
  async setAvailability(conn, connectorNo, available) {
    const result = await call(conn, 'ChangeAvailability', { connectorId: connectorNo, type: available ? 'Operative' : 'Inoperative' });
    return stationAnswer(result, ['Accepted', 'Scheduled']);
  },

  // §5.8: no keys asks for every key the station has.
  async readConfiguration(conn, keys) {
    const result = await call(conn, 'GetConfiguration', keys.length > 0 ? { key: [...keys] } : {});
    if (!result.ok) return { outcome: result.outcome, entries: [] };
    const known = (result.result.configurationKey ?? []).map((k) => ({
      key: k.key,
      readonly: k.readonly,
      status: 'Accepted',
      ...(k.value !== undefined ? { value: k.value } : {}),
    }));
    const unknown = (result.result.unknownKey ?? []).map((key) => ({ key, status: 'NotSupported' }));
    return { outcome: 'accepted', entries: [...known, ...unknown] };
  },

  // §5.3: RebootRequired is accepted, the value taking effect after a reboot.
  async changeConfiguration(conn, key, value) {
    return stationAnswer(await call(conn, 'ChangeConfiguration', { key, value }), ['Accepted', 'RebootRequired']);
  },

  // §5.17 (Remote Trigger profile).
  async triggerMessage(conn, message, connectorNo) {
    const req: Calls['TriggerMessage']['req'] = { requestedMessage: message };
    if (connectorNo !== undefined && connectorNo > 0) req.connectorId = connectorNo;
    return stationAnswer(await call(conn, 'TriggerMessage', req), ['Accepted']);
  },

  // §5.19: the answer is empty; progress comes in FirmwareStatusNotification.
  async updateFirmware(conn, request) {
    const result = await call(conn, 'UpdateFirmware', { location: request.location, retrieveDate: request.retrieveAt.toISOString() });
    return result.ok ? { outcome: 'accepted' } : { outcome: result.outcome };
  },

  // §5.9: the file name the station will upload; none when it has nothing.
  async uploadDiagnostics(conn, request) {
    const result = await call(conn, 'GetDiagnostics', { location: request.location });
    if (!result.ok) return { outcome: result.outcome };
    const { fileName } = result.result;
    return fileName ? { outcome: 'accepted', fileName } : { outcome: 'rejected' };
  },
};

function call<A extends keyof Calls>(conn: StationConnection, action: A, req: Calls[A]['req']) {
  return conn.call<Calls[A]['conf']>(action, req);
}
