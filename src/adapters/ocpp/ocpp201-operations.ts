import type { ConfigurationEntry } from '../../usecases/ports/charger-operations.ts';
import type { Ocpp201Commands } from './ocpp201-types.ts';
import type { Ocpp201OperationCalls } from './ocpp201-operation-types.ts';
import { stationAnswer, type ProtocolOperations } from './protocol-operations.ts';
import type { StationConnection } from './station-connection.ts';

type Calls = Omit<Ocpp201Commands, 'TriggerMessage'> & Ocpp201OperationCalls;

// What "read the configuration" asks a 2.0.1 station when no key is named:
// GetVariables needs names, and these are the standard variables of the
// controllers Ladepay relies on (OCPP 2.0.1 Part 2, Appendix 2).
export const WELL_KNOWN_VARIABLES = [
  'OCPPCommCtrlr.HeartbeatInterval',
  'OCPPCommCtrlr.WebSocketPingInterval',
  'SampledDataCtrlr.TxUpdatedInterval',
  'SampledDataCtrlr.TxUpdatedMeasurands',
  'AuthCtrlr.AuthorizeRemoteStart',
  'AuthCtrlr.LocalPreAuthorize',
  'TxCtrlr.EVConnectionTimeOut',
  'TxCtrlr.TxStartPoint',
  'TxCtrlr.TxStopPoint',
  'SecurityCtrlr.SecurityProfile',
] as const;

// "Component.Variable" → the 2.0.1 names; undefined for anything else.
export function variableOf(key: string): { component: { name: string }; variable: { name: string } } | undefined {
  const m = /^([A-Za-z0-9_*-]{1,50})\.([A-Za-z0-9_*-]{1,50})$/.exec(key);
  return m?.[1] && m[2] ? { component: { name: m[1] }, variable: { name: m[2] } } : undefined;
}

// The operator's station operations as OCPP 2.0.1 calls (CSMS → charging
// station). A connector number is an EVSE id; each EVSE has connector 1.
export const ocpp201Operations: ProtocolOperations = {
  // B11/B12: Immediate ends transactions now (ImmediateReset); OnIdle waits for them (Scheduled).
  async resetStation(conn, kind) {
    return stationAnswer(await call(conn, 'Reset', { type: kind === 'hard' ? 'Immediate' : 'OnIdle' }), ['Accepted', 'Scheduled']);
  },

  // F05: refused with OngoingAuthorizedTransaction while a transaction holds the cable.
  async unlockConnector(conn, connectorNo) {
    return stationAnswer(await call(conn, 'UnlockConnector', { evseId: connectorNo, connectorId: 1 }), ['Unlocked']);
  },

  // G03/G04: no EVSE means the whole station.
  async setAvailability(conn, connectorNo, available) {
    const req: Calls['ChangeAvailability']['req'] = { operationalStatus: available ? 'Operative' : 'Inoperative' };
    if (connectorNo > 0) req.evse = { id: connectorNo };
    return stationAnswer(await call(conn, 'ChangeAvailability', req), ['Accepted', 'Scheduled']);
  },

  // B06: one answer per variable asked.
  async readConfiguration(conn, keys) {
    const wanted = keys.length > 0 ? keys : WELL_KNOWN_VARIABLES;
    const named = wanted.map((key) => ({ key, ref: variableOf(key) }));
    const asked = named.flatMap((n) => (n.ref ? [n.ref] : []));
    const badKeys: ConfigurationEntry[] = named.filter((n) => !n.ref).map((n) => ({ key: n.key, status: 'UnknownVariable' }));
    if (asked.length === 0) return { outcome: 'accepted', entries: badKeys };
    const result = await call(conn, 'GetVariables', { getVariableData: asked });
    if (!result.ok) return { outcome: result.outcome, entries: [] };
    const entries = result.result.getVariableResult.map((r) => ({
      key: `${r.component.name}.${r.variable.name}`,
      status: r.attributeStatus,
      ...(r.attributeValue !== undefined ? { value: r.attributeValue } : {}),
    }));
    return { outcome: 'accepted', entries: [...entries, ...badKeys] };
  },

  // B05: RebootRequired is accepted, the value taking effect after a reboot.
  async changeConfiguration(conn, key, value) {
    const ref = variableOf(key);
    // Checked before (station-operation-input.ts); nothing to send otherwise.
    if (!ref) return { outcome: 'error' };
    const result = await call(conn, 'SetVariables', { setVariableData: [{ ...ref, attributeValue: value }] });
    if (!result.ok) return { outcome: result.outcome };
    const status = result.result.setVariableResult[0]?.attributeStatus ?? 'NoAnswer';
    return { outcome: status === 'Accepted' || status === 'RebootRequired' ? 'accepted' : 'rejected', status };
  },

  // F06: 1.6's DiagnosticsStatusNotification is 2.0.1's LogStatusNotification.
  async triggerMessage(conn, message, connectorNo) {
    const requestedMessage = message === 'DiagnosticsStatusNotification' ? 'LogStatusNotification' : message;
    const req: Calls['TriggerMessage']['req'] = { requestedMessage };
    if (connectorNo !== undefined && connectorNo > 0) req.evse = { id: connectorNo, connectorId: 1 };
    return stationAnswer(await call(conn, 'TriggerMessage', req), ['Accepted']);
  },

  // L01: progress comes in FirmwareStatusNotification with this requestId.
  async updateFirmware(conn, request, requestId) {
    const result = await call(conn, 'UpdateFirmware', {
      requestId,
      firmware: { location: request.location, retrieveDateTime: request.retrieveAt.toISOString() },
    });
    return { ...stationAnswer(result, ['Accepted', 'AcceptedCanceled']), requestId };
  },

  // N01: progress comes in LogStatusNotification with this requestId.
  async uploadDiagnostics(conn, request, requestId) {
    const result = await call(conn, 'GetLog', { logType: 'DiagnosticsLog', requestId, log: { remoteLocation: request.location } });
    const answer = { ...stationAnswer(result, ['Accepted', 'AcceptedCanceled']), requestId };
    return result.ok && result.result.filename ? { ...answer, fileName: result.result.filename } : answer;
  },
};

function call<A extends keyof Calls>(conn: StationConnection, action: A, req: Calls[A]['req']) {
  return conn.call<Calls[A]['conf']>(action, req);
}
