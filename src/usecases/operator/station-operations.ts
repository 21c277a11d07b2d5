import { LIVE_STATES } from '../../core/vocabulary/session-states.ts';
import type { ChargerCommands } from '../ports/charger.ts';
import type {
  ChargerOperations,
  ConfigurationRead,
  ResetKind,
  StationAnswer,
  TransferAnswer,
  TriggerMessage,
} from '../ports/charger-operations.ts';
import type { AuditEntry, AuditTrail } from '../ports/operator-audit.ts';
import type { StationRegistry } from '../ports/operator-stations.ts';
import type { SessionRepository } from '../ports/session-repository.ts';
import type { StationTransferLog, TransferStatus } from '../ports/station-transfer-log.ts';
import { checkConfigurationKey, checkKeyName, checkTransferLocation } from './station-operation-input.ts';

export interface StationOperationsDeps {
  stations: Pick<StationRegistry, 'station' | 'connectors'>;
  charger: ChargerOperations & Pick<ChargerCommands, 'isOnline'>;
  sessions: Pick<SessionRepository, 'onStation'>;
  audit: AuditTrail;
  transfers: StationTransferLog;
  now(): Date;
}

// Who asks, from where, and whether they confirmed a warning about a session
// charging at the station.
export interface Operator {
  actor: string;
  address?: string;
  confirm: boolean;
}

// A session paid for and at the station, that the operation would cut short.
export interface ChargingHere {
  sessionId: string;
  connectorNo: number;
}

export type OperationRefusal =
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'bad_input'; message: string }
  | { ok: false; reason: 'offline' }
  | { ok: false; reason: 'charging'; charging: ChargingHere[] };

export type OperationResult<A> = { ok: true; answer: A } | OperationRefusal;

// The audit log's names of the operations; the station page lists these.
export const OPERATION_ACTIONS = {
  reset: 'station.reset',
  unlock: 'station.unlock',
  availability: 'station.availability',
  readConfiguration: 'station.configuration_read',
  changeConfiguration: 'station.configuration_change',
  trigger: 'station.trigger',
  firmware: 'station.firmware_update',
  diagnostics: 'station.diagnostics_upload',
} as const;
const ACTION_NAMES: readonly string[] = Object.values(OPERATION_ACTIONS);

interface Plan<A extends StationAnswer | ConfigurationRead> {
  action: string;
  detail: Record<string, unknown>;
  // The connectors a session must not be charging on (0: any), unless confirmed; none: no warning.
  interrupts?: number;
  send(): Promise<A>;
}

// Remote operations on a station, for the console and the API alike: the
// station must exist and be online; an operation that would cut a charging
// session short asks for confirmation first; each is recorded in the audit
// log with the station's answer. The session itself is never touched here:
// the station's own stop, or its boot or silence, settles it (docs/session-states.md).
export function stationOperations(d: StationOperationsDeps) {
  async function run<A extends StationAnswer | ConfigurationRead>(stationId: string, who: Operator, plan: Plan<A>): Promise<OperationResult<A>> {
    const record = (outcome: string, extra: Record<string, unknown> = {}) =>
      d.audit.record({
        at: d.now().toISOString(),
        actor: who.actor,
        ...(who.address ? { address: who.address } : {}),
        action: plan.action,
        subjectType: 'station',
        subjectId: stationId,
        outcome,
        detail: { ...plan.detail, ...extra },
      });
    if (!d.charger.isOnline(stationId)) {
      await record('offline');
      return { ok: false, reason: 'offline' };
    }
    if (plan.interrupts !== undefined && !who.confirm) {
      const charging = await chargingOn(stationId, plan.interrupts);
      if (charging.length > 0) return { ok: false, reason: 'charging', charging };
    }
    const answer = await plan.send();
    const said = 'status' in answer && answer.status !== undefined ? { answer: answer.status } : {};
    await record(answer.outcome, { ...said, ...(who.confirm ? { confirmed: true } : {}), ...extraOf(answer) });
    return { ok: true, answer };
  }

  async function chargingOn(stationId: string, connectorNo: number): Promise<ChargingHere[]> {
    const live = await d.sessions.onStation(stationId, LIVE_STATES);
    return live
      .filter(({ session }) => connectorNo === 0 || session.connectorNo === connectorNo)
      .map(({ session }) => ({ sessionId: session.id, connectorNo: session.connectorNo }));
  }

  // The station, and the connector when one is named (0 or none: the whole station).
  async function target(stationId: string, connectorNo?: number): Promise<OperationRefusal | { protocol: string | null }> {
    const station = await d.stations.station(stationId);
    if (!station) return { ok: false, reason: 'not_found' };
    if (connectorNo !== undefined && connectorNo !== 0) {
      const connectors = await d.stations.connectors(stationId);
      if (!connectors.some((c) => c.connectorNo === connectorNo)) {
        return { ok: false, reason: 'bad_input', message: `The station has no connector ${connectorNo}.` };
      }
    }
    return { protocol: station.protocol };
  }
  const refused = (t: OperationRefusal | { protocol: string | null }): t is OperationRefusal => 'ok' in t;

  return {
    async reset(stationId: string, kind: ResetKind, who: Operator): Promise<OperationResult<StationAnswer>> {
      const t = await target(stationId);
      if (refused(t)) return t;
      return run(stationId, who, { action: OPERATION_ACTIONS.reset, detail: { kind }, interrupts: 0, send: () => d.charger.resetStation(stationId, kind) });
    },

    async unlock(stationId: string, connectorNo: number, who: Operator): Promise<OperationResult<StationAnswer>> {
      const t = await target(stationId, connectorNo);
      if (refused(t)) return t;
      if (connectorNo < 1) return { ok: false, reason: 'bad_input', message: 'Unlock needs a connector number.' };
      return run(stationId, who, { action: OPERATION_ACTIONS.unlock, detail: { connectorNo }, interrupts: connectorNo, send: () => d.charger.unlockConnector(stationId, connectorNo) });
    },

    // connectorNo 0: the whole station. Making it available again interrupts nothing.
    async setAvailability(stationId: string, connectorNo: number, available: boolean, who: Operator): Promise<OperationResult<StationAnswer>> {
      const t = await target(stationId, connectorNo);
      if (refused(t)) return t;
      return run(stationId, who, {
        action: OPERATION_ACTIONS.availability,
        detail: { connectorNo, available },
        ...(available ? {} : { interrupts: connectorNo }),
        send: () => d.charger.setAvailability(stationId, connectorNo, available),
      });
    },

    async readConfiguration(stationId: string, keys: readonly string[], who: Operator): Promise<OperationResult<ConfigurationRead>> {
      const t = await target(stationId);
      if (refused(t)) return t;
      const problem = keys.map((k) => checkKeyName(k, t.protocol)).find((p) => p !== undefined);
      if (problem) return { ok: false, reason: 'bad_input', message: problem };
      return run(stationId, who, { action: OPERATION_ACTIONS.readConfiguration, detail: { keys: [...keys] }, send: () => d.charger.readConfiguration(stationId, keys) });
    },

    async changeConfiguration(stationId: string, key: string, value: string, who: Operator): Promise<OperationResult<StationAnswer>> {
      const t = await target(stationId);
      if (refused(t)) return t;
      const problem = checkConfigurationKey(key, value, t.protocol);
      if (problem) return { ok: false, reason: 'bad_input', message: problem };
      return run(stationId, who, { action: OPERATION_ACTIONS.changeConfiguration, detail: { key, value }, send: () => d.charger.changeConfiguration(stationId, key, value) });
    },

    async trigger(stationId: string, message: TriggerMessage, connectorNo: number | undefined, who: Operator): Promise<OperationResult<StationAnswer>> {
      const t = await target(stationId, connectorNo);
      if (refused(t)) return t;
      return run(stationId, who, {
        action: OPERATION_ACTIONS.trigger,
        detail: { message, ...(connectorNo !== undefined ? { connectorNo } : {}) },
        send: () => d.charger.triggerMessage(stationId, message, connectorNo),
      });
    },

    // Installing new firmware restarts the station: a charging session is warned about.
    async updateFirmware(stationId: string, location: string, retrieveAt: Date, who: Operator): Promise<OperationResult<TransferAnswer>> {
      const t = await target(stationId);
      if (refused(t)) return t;
      const problem = checkTransferLocation(location);
      if (problem) return { ok: false, reason: 'bad_input', message: problem };
      if (Number.isNaN(retrieveAt.getTime())) return { ok: false, reason: 'bad_input', message: 'retrieveAt must be a date and time.' };
      return run(stationId, who, {
        action: OPERATION_ACTIONS.firmware,
        detail: { location, retrieveAt: retrieveAt.toISOString() },
        interrupts: 0,
        send: () => d.charger.updateFirmware(stationId, { location, retrieveAt }),
      });
    },

    async uploadDiagnostics(stationId: string, location: string, who: Operator): Promise<OperationResult<TransferAnswer>> {
      const t = await target(stationId);
      if (refused(t)) return t;
      const problem = checkTransferLocation(location);
      if (problem) return { ok: false, reason: 'bad_input', message: problem };
      return run(stationId, who, { action: OPERATION_ACTIONS.diagnostics, detail: { location }, send: () => d.charger.uploadDiagnostics(stationId, { location }) });
    },

    // The station's last operations (newest first) with their answers, and
    // the firmware and diagnostics progress it reported.
    async history(stationId: string, limit = 10): Promise<{ operations: AuditEntry[]; transfers: TransferStatus[] }> {
      const [entries, transfers] = await Promise.all([d.audit.of('station', stationId), d.transfers.recent(stationId, limit)]);
      const operations = entries.filter((e) => ACTION_NAMES.includes(e.action)).reverse().slice(0, limit);
      return { operations, transfers };
    },

    // Firmware and diagnostics progress from the stations (the OCPP adapter calls this).
    reports: { transferStatus: (e: Parameters<StationTransferLog['record']>[0]) => d.transfers.record(e) },
  };
}

// What the audit log keeps of an answer beyond its outcome and status word.
function extraOf(answer: StationAnswer | ConfigurationRead): Record<string, unknown> {
  if ('entries' in answer) return { keys: answer.entries.length };
  const t = answer as TransferAnswer;
  return { ...(t.requestId !== undefined ? { requestId: t.requestId } : {}), ...(t.fileName ? { fileName: t.fileName } : {}) };
}

export type StationOperations = ReturnType<typeof stationOperations>;
