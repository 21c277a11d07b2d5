import type {
  ChargerEvents,
  ConnectorStatusChanged,
  IdTagVerdict,
  MeterSample,
  StationBooted,
  StationConnected,
  TransactionEnded,
  TransactionStarted,
} from './ports/charger.ts';
import type { ChargePointDirectory } from './ports/charge-point-directory.ts';
import type { SessionRepository } from './ports/session-repository.ts';
import type { SessionEngine } from './session-engine.ts';

export interface StationRegistry {
  markConnected(stationId: string, protocol: string, at: Date): Promise<void>;
  markDisconnected(stationId: string, at: Date): Promise<void>;
  markBooted(stationId: string, info: { vendor: string; model: string; firmware?: string }, at: Date): Promise<void>;
  setConnectorStatus(stationId: string, connectorNo: number, status: string, errorCode: string | undefined, at: Date): Promise<boolean>;
}

export interface ChargerEventsDeps {
  repo: SessionRepository;
  engine: SessionEngine;
  directory: ChargePointDirectory;
  stations: StationRegistry;
  // A connector or station changed: live pages refresh.
  connectorChanged: (stationId: string) => void;
}

const PLUGGED_IN = new Set(['preparing', 'occupied', 'suspended_ev', 'suspended_evse']);
const LIVE = ['starting', 'charging', 'stopping'];

// What the stations tell Ladepay, turned into session inputs. Every method is
// safe to call twice with the same message.
export function chargerEventsHandler(d: ChargerEventsDeps): ChargerEvents {
  return {
    async stationConnected(e: StationConnected) {
      await d.stations.markConnected(e.stationId, e.protocol, e.at);
      d.connectorChanged(e.stationId);
    },
    async stationDisconnected(stationId: string, at: Date) {
      await d.stations.markDisconnected(stationId, at);
      d.connectorChanged(stationId);
    },
    async stationBooted(e: StationBooted) {
      await d.stations.markBooted(e.stationId, e, e.at);
    },
    async connectorStatus(e: ConnectorStatusChanged) {
      if (e.connectorNo === 0) return; // station-wide; the connectors report their own
      const applied = await d.stations.setConnectorStatus(e.stationId, e.connectorNo, e.status, e.errorCode, e.at);
      if (!applied) return; // older than what we know
      d.connectorChanged(e.stationId);
      if (PLUGGED_IN.has(e.status)) {
        const connector = await d.directory.connectorAt(e.stationId, e.connectorNo);
        const active = connector ? await d.repo.activeOnConnector(connector.id) : undefined;
        if (active?.session.state === 'starting') await d.engine.apply(active.session.id, { type: 'car_plugged_in' }, 'station');
      }
    },
    async authorize(_stationId: string, idTag: string): Promise<IdTagVerdict> {
      const found = await d.repo.byIdTag(idTag);
      return found && LIVE.includes(found.session.state) ? 'accepted' : 'invalid';
    },
    async transactionStarted(e: TransactionStarted) {
      const found =
        (e.remoteStartId !== undefined ? await d.repo.byRemoteStartId(e.stationId, e.remoteStartId) : undefined) ??
        (await d.repo.byIdTag(e.idTag));
      if (!found || found.session.stationId !== e.stationId) {
        // Not a drop-in session (an unknown tag): refuse it, but 1.6 still needs an id.
        return { verdict: 'invalid', transactionId: e.stationTransactionId ?? String(await d.directory.nextTransactionId()) };
      }
      const transactionId =
        e.stationTransactionId ?? found.session.transactionId ?? String(await d.directory.nextTransactionId());
      const r = await d.engine.apply(
        found.session.id,
        { type: 'transaction_started', transactionId, meterStartWh: e.meterStartWh, at: e.at.toISOString() },
        'station',
      );
      const session = r.changed ? r.session : found.session;
      const ours = session.state === 'charging' || session.state === 'stopping';
      return { verdict: ours && session.transactionId === transactionId ? 'accepted' : 'invalid', transactionId };
    },
    async meterValues(e: MeterSample) {
      if (!e.transactionId) return;
      const found = await d.repo.byTransaction(e.stationId, e.transactionId);
      if (!found) return;
      await d.engine.apply(
        found.session.id,
        { type: 'meter', at: e.at.toISOString(), energyRegisterWh: e.energyWh, powerW: e.powerW, socPercent: e.socPercent },
        'station',
      );
    },
    async transactionEnded(e: TransactionEnded) {
      const found =
        (await d.repo.byTransaction(e.stationId, e.transactionId)) ?? (e.idTag ? await d.repo.byIdTag(e.idTag) : undefined);
      if (!found) return;
      await d.engine.apply(
        found.session.id,
        { type: 'transaction_ended', at: e.at.toISOString(), meterStopWh: e.meterStopWh, reason: e.reason },
        'station',
      );
    },
  };
}
