import type { Ocpp201Commands } from './ocpp201-types.ts';
import { commandOutcome as outcome, type ProtocolCommands } from './protocol-commands.ts';
import type { StationConnection } from './station-connection.ts';

// Ladepay's commands as OCPP 2.0.1 calls (CSMS → charging station). A
// Ladepay connector number is a 2.0.1 EVSE id; each EVSE is taken to have one
// connector, number 1.
export const ocpp201Commands: ProtocolCommands = {
  async remoteStart(conn, connectorNo, idTag, remoteStartId) {
    // F01/F02: the remoteStartId comes back in the TransactionEvent that follows.
    const req: Ocpp201Commands['RequestStartTransaction']['req'] = {
      remoteStartId,
      idToken: { idToken: idTag, type: 'Central' },
    };
    if (connectorNo > 0) req.evseId = connectorNo;
    return outcome(await call(conn, 'RequestStartTransaction', req), (c) => c.status === 'Accepted');
  },

  async remoteStop(conn, transactionId) {
    return outcome(await call(conn, 'RequestStopTransaction', { transactionId }), (c) => c.status === 'Accepted');
  },

  // E14 GetTransactionStatus: ongoingIndicator false with nothing queued
  // means the station has no such transaction (it rebooted, or it never ran).
  async transactionStatus(conn, _connectorNo, transactionId) {
    const result = await call(conn, 'GetTransactionStatus', { transactionId });
    if (!result.ok) return 'unknown';
    if (result.result.ongoingIndicator === true) return 'ongoing';
    return result.result.ongoingIndicator === false && !result.result.messagesInQueue ? 'ended' : 'unknown';
  },

  async setMeterInterval(conn, seconds) {
    const result = await call(conn, 'SetVariables', {
      setVariableData: [
        {
          component: { name: 'SampledDataCtrlr' },
          variable: { name: 'TxUpdatedInterval' },
          attributeValue: String(seconds),
        },
      ],
    });
    return outcome(result, (c) =>
      c.setVariableResult.every((r) => r.attributeStatus === 'Accepted' || r.attributeStatus === 'RebootRequired'),
    );
  },

  async triggerStatus(conn, connectorNo) {
    const req: Ocpp201Commands['TriggerMessage']['req'] = { requestedMessage: 'StatusNotification' };
    if (connectorNo !== undefined && connectorNo > 0) req.evse = { id: connectorNo, connectorId: 1 };
    return outcome(await call(conn, 'TriggerMessage', req), (c) => c.status === 'Accepted');
  },

  async reset(conn, kind) {
    // B11/B12: Immediate stops transactions now; OnIdle waits until they end.
    const type = kind === 'hard' ? 'Immediate' : 'OnIdle';
    return outcome(await call(conn, 'Reset', { type }), (c) => c.status === 'Accepted' || c.status === 'Scheduled');
  },

  async unlock(conn, connectorNo) {
    const result = await call(conn, 'UnlockConnector', { evseId: connectorNo, connectorId: 1 });
    return outcome(result, (c) => c.status === 'Unlocked');
  },

  async changeAvailability(conn, connectorNo, available) {
    const req: Ocpp201Commands['ChangeAvailability']['req'] = {
      operationalStatus: available ? 'Operative' : 'Inoperative',
    };
    // G03/G04: no EVSE means the whole station.
    if (connectorNo > 0) req.evse = { id: connectorNo };
    const result = await call(conn, 'ChangeAvailability', req);
    return outcome(result, (c) => c.status === 'Accepted' || c.status === 'Scheduled');
  },
};

function call<A extends keyof Ocpp201Commands>(conn: StationConnection, action: A, req: Ocpp201Commands[A]['req']) {
  return conn.call<Ocpp201Commands[A]['conf']>(action, req);
}
