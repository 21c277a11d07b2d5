import { stationLimit, type StationLimit } from '../core/cost-limit.ts';
import type { Session } from '../core/session/session.ts';
import { statusTime } from '../core/status-time.ts';
import { ENDED_STATES, LIVE_STATES, RUNNING_STATES, stateIn } from '../core/vocabulary/session-states.ts';
import type {
  ChargerEvents,
  ChargingStateChanged,
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
import { METER_BOUND } from '../core/meter-plausibility.ts';
import { stationSessionLookup, type ForeignSessionInput } from './station-session-lookup.ts';
import type { StrayTransactions } from './stray-transactions.ts';
import type { StationReports } from './ports/station-reports.ts';
import { reportStatus, type StatusReportDeps } from './connector-status-reports.ts';

export interface ChargerEventsDeps extends StatusReportDeps {
  repo: SessionRepository;
  engine: SessionEngine;
  directory: ChargePointDirectory;
  stations: StationReports & {
    markConnected(stationId: string, protocol: string, at: Date): Promise<void>;
    markDisconnected(stationId: string, at: Date): Promise<void>;
    markBooted(stationId: string, info: { vendor: string; model: string; firmware?: string; serial?: string }, at: Date): Promise<void>;
    markSeen(stationId: string, at: Date): Promise<void>;
  };
  // A connector or station changed: live pages refresh.
  connectorChanged: (stationId: string) => void;
  // A station spoke of another station's session: logged and counted.
  foreignSessionInput: (e: ForeignSessionInput) => void;
  // Transactions no session owns are ended.
  strays: StrayTransactions;
}

// What the stations tell Ladepay, turned into session inputs. Every method is
// safe to call twice with the same message. A station only ever reaches its
// own sessions (invariant 7).
export function chargerEventsHandler(d: ChargerEventsDeps): ChargerEvents {
  const lookup = stationSessionLookup(d.repo, d.foreignSessionInput);

  return {
    async stationConnected(e: StationConnected) {
      await d.stations.markConnected(e.stationId, e.protocol, e.at);
      d.connectorChanged(e.stationId);
      // Invariant 9: a stop the station has not acted on is asked again now.
      for (const { session } of await d.repo.stopOwedOnStation(e.stationId)) {
        await d.engine.apply(session.id, { type: 'station_reconnected', connectedAt: e.at.toISOString() }, 'station');
      }
    },
    async stationDisconnected(stationId: string, at: Date) {
      await d.stations.markDisconnected(stationId, at);
      d.connectorChanged(stationId);
    },
    async stationBooted(e: StationBooted) {
      await d.stations.markBooted(e.stationId, e, e.at);
    },
    async stationReady(stationId: string, at: Date) {
      // A booted station has lost what it was charging unless it says
      // otherwise (a 1.6 station sends the stop it kept; a 2.0.1 one is asked).
      for (const { session } of await d.repo.onStation(stationId, RUNNING_STATES)) {
        await d.engine.apply(session.id, { type: 'transaction_lost', signal: 'station_rebooted', at: at.toISOString() }, 'station');
      }
    },
    async stationSeen(stationId: string, at: Date) {
      await d.stations.markSeen(stationId, at);
    },
    async connectorStatus(e: ConnectorStatusChanged) {
      await reportStatus(d, e);
    },
    async chargingState(e: ChargingStateChanged) {
      // A 2.0.1 transaction's own charging state: only the session that owns
      // the transaction hears it (invariant 7).
      const found = await lookup.own('transaction_update', e.stationId, { transactionId: e.transactionId });
      if (!found) return;
      const at = statusTime(e.at, d.engine.now()).toISOString();
      await d.engine.apply(found.session.id, { type: 'connector_status', status: e.status, scope: 'transaction', at, ...(e.fault ? { fault: e.fault } : {}) }, 'station');
    },
    async authorize(stationId: string, idTag: string): Promise<IdTagVerdict> {
      const found = await lookup.own('authorize', stationId, { idTag });
      return found && stateIn(LIVE_STATES, found.session.state) ? 'accepted' : 'invalid';
    },
    async transactionStarted(e: TransactionStarted) {
      const found = await lookup.own('transaction_start', e.stationId, {
        transactionId: e.stationTransactionId,
        remoteStartId: e.remoteStartId,
        idTag: e.idTag,
      });
      if (!found) {
        // Not a drop-in session of this station: refuse it, but 1.6 still needs an id.
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
      const ours = stateIn(RUNNING_STATES, session.state);
      const accepted = ours && session.transactionId === transactionId;
      return { verdict: accepted ? 'accepted' : 'invalid', transactionId, ...(accepted ? limitOf(session) : {}) };
    },
    async meterValues(e: MeterSample) {
      if (!e.transactionId) return;
      const found = await lookup.own('meter_values', e.stationId, { transactionId: e.transactionId });
      if (!found) return;
      const at = e.at.toISOString();
      if (stateIn(ENDED_STATES, found.session.state)) {
        await d.engine.apply(found.session.id, { type: 'charging_after_settlement', at, energyRegisterWh: e.energyWh, signal: 'meter' }, 'station');
        return;
      }
      const last = found.session.lastMeterAt;
      const r = await d.engine.apply(
        found.session.id,
        { type: 'meter', at, energyRegisterWh: e.energyWh, powerW: e.powerW, socPercent: e.socPercent },
        'station',
      );
      // A reading of the transaction (not an older one) after an end signal:
      // the station still has it. A 1.6 station answers Ladepay's question
      // this way; its clock may not have moved, so an equal reading counts.
      // It must be taken now, give or take the clock skew a station may have:
      // one it held back from before a reboot says nothing of after it.
      const now = r.changed ? r.session : found.session;
      const current = last === undefined || e.at.getTime() >= Date.parse(last);
      const fresh = d.engine.now().getTime() - e.at.getTime() <= METER_BOUND.clockSkewSeconds * 1000;
      if (current && fresh && now.endSignal && stateIn(RUNNING_STATES, now.state)) {
        await d.engine.apply(found.session.id, { type: 'transaction_confirmed' }, 'station');
      }
    },
    async transactionActive(e) {
      const found = await lookup.own('transaction_update', e.stationId, { transactionId: e.transactionId });
      if (!found && e.charging) {
        await d.strays.end({ stationId: e.stationId, connectorNo: e.connectorNo, transactionId: e.transactionId, signal: 'transaction_event' });
      }
      if (!found || !stateIn(ENDED_STATES, found.session.state)) return;
      await d.engine.apply(found.session.id, { type: 'charging_after_settlement', at: e.at.toISOString(), signal: 'transaction_event' }, 'station');
    },
    async transactionKnown(stationId: string, transactionId: string) {
      const found = await d.repo.byTransaction(stationId, transactionId);
      return found ? { connectorNo: found.session.connectorNo, ...limitOf(found.session) } : undefined;
    },
    async transactionEnded(e: TransactionEnded) {
      const found = await lookup.own('transaction_end', e.stationId, { transactionId: e.transactionId, idTag: e.idTag });
      // Found by its tag, a session with another transaction is not the one
      // ending (a second transaction started with the same tag and refused).
      if (!found || (found.session.transactionId !== undefined && found.session.transactionId !== e.transactionId)) return { ours: false };
      await d.engine.apply(
        found.session.id,
        {
          type: 'transaction_ended',
          at: e.at.toISOString(),
          meterStopWh: e.meterStopWh,
          reason: e.reason,
          ...(e.stationCostOre !== undefined ? { stationCostOre: e.stationCostOre } : {}),
        },
        'station',
      );
      return { ours: true };
    },
  };
}

// What an OCPP 2.1 station is told to hold a running session to itself
// (TransactionEventResponse.transactionLimit, docs/ocpp21.md).
function limitOf(s: Session): { limit?: StationLimit } {
  if (!stateIn(RUNNING_STATES, s.state) || s.authorizedOre <= 0) return {};
  const limit = stationLimit(s.tariff, s.authorizedOre);
  return limit ? { limit } : {};
}
