import { statusTime } from '../core/status-time.ts';
import { CHARGING_STATUSES, statusIn } from '../core/vocabulary/connector-status.ts';
import { ACTIVE_STATES, LIVE_STATES, UNPLUG_AWAITED_STATES, stateIn } from '../core/vocabulary/session-states.ts';
import type { Session } from '../core/session/session.ts';
import type { ConnectorStatusChanged } from './ports/charger.ts';
import type { ChargePointDirectory } from './ports/charge-point-directory.ts';
import type { SessionRepository } from './ports/session-repository.ts';
import type { StationReports, StatusReport } from './ports/station-reports.ts';
import type { SessionEngine } from './session-engine.ts';
import type { StrayTransactions } from './stray-transactions.ts';

export interface StatusReportDeps {
  repo: SessionRepository;
  engine: SessionEngine;
  directory: ChargePointDirectory;
  stations: StationReports;
  connectorChanged: (stationId: string) => void;
  strays: StrayTransactions;
  // A connector the station has that Ladepay was not set up with, reported the first time.
  undeclaredConnector?: (e: { stationId: string; connectorNo: number; status: string }) => void;
}

// A status from a station: stored (once; an older one never over a newer
// one), then handed to every session it concerns, whose state machine decides
// what it does (src/core/session/connector-reactions.ts). A status for the
// whole station (connector 0) concerns every session on it.
export async function reportStatus(d: StatusReportDeps, e: ConnectorStatusChanged): Promise<void> {
  const at = statusTime(e.at, d.engine.now());
  const report: StatusReport = {
    status: e.status,
    at,
    ...(e.errorCode !== undefined ? { errorCode: e.errorCode } : {}),
    ...(e.info !== undefined ? { info: e.info } : {}),
    ...(e.vendorErrorCode !== undefined ? { vendorErrorCode: e.vendorErrorCode } : {}),
  };
  const scope = e.connectorNo === 0 ? 'station' : 'connector';
  const written = scope === 'station' ? await d.stations.setStationStatus(e.stationId, report) : await d.stations.setConnectorStatus(e.stationId, e.connectorNo, report);
  if (written === 'unknown') {
    // The station is the authority on its hardware: kept and shown, never sold.
    if (await d.stations.noteUndeclaredConnector(e.stationId, e.connectorNo, report)) {
      d.undeclaredConnector?.({ stationId: e.stationId, connectorNo: e.connectorNo, status: e.status });
    }
    return;
  }
  if (written === 'older') return;
  // The same status again is not news: no page refresh for it.
  if (written === 'changed') d.connectorChanged(e.stationId);
  const sessions = scope === 'station' ? await onStation(d, e.stationId) : await onConnector(d, e.stationId, e.connectorNo, e.status);
  const fault = e.status === 'faulted' ? { errorCode: report.errorCode, info: report.info, vendorErrorCode: report.vendorErrorCode } : undefined;
  for (const s of sessions) {
    await d.engine.apply(s.id, { type: 'connector_status', status: e.status, scope, at: at.toISOString(), ...(fault ? { fault } : {}) }, 'station');
  }
}

async function onStation(d: StatusReportDeps, stationId: string): Promise<Session[]> {
  const rows = await d.repo.onStation(stationId, [...ACTIVE_STATES, ...UNPLUG_AWAITED_STATES]);
  return rows.map((r) => r.session);
}

// The sessions a connector's status concerns: the one holding the connector,
// one whose car may still be plugged in after its charge (idle fee), and, when
// no paid session holds it, ended ones whose station still owes a stop. With
// none of those, a charge on the connector is nobody's: it is ended.
async function onConnector(d: StatusReportDeps, stationId: string, connectorNo: number, status: ConnectorStatusChanged['status']): Promise<Session[]> {
  const connector = await d.directory.connectorAt(stationId, connectorNo);
  const active = connector ? (await d.repo.activeOnConnector(connector.id))?.session : undefined;
  const idling = (await d.repo.onStation(stationId, UNPLUG_AWAITED_STATES)).map((r) => r.session).filter((s) => s.connectorNo === connectorNo);
  const live = active !== undefined && stateIn(LIVE_STATES, active.state);
  const owed = live ? [] : (await d.repo.stopOwedOnStation(stationId)).map((r) => r.session).filter((s) => s.connectorNo === connectorNo && !stateIn(ACTIVE_STATES, s.state));
  const sessions = uniqueById([...(active ? [active] : []), ...idling, ...owed]);
  if (!live && statusIn(CHARGING_STATUSES, status) && owed.length === 0) {
    await d.strays.end({ stationId, connectorNo, signal: 'status' });
  }
  return sessions;
}

function uniqueById(sessions: Session[]): Session[] {
  const seen = new Set<string>();
  return sessions.filter((s) => !seen.has(s.id) && seen.add(s.id));
}
