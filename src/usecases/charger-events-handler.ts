import { CAR_ARRIVED, CHARGING_STATUSES, NO_CAR_STATUSES, NO_TRANSACTION_STATUSES, statusIn, type ConnectorStatus } from '../core/vocabulary/connector-status.ts';
import { ENDED_STATES, LIVE_STATES, RUNNING_STATES, UNPLUG_AWAITED_STATES, stateIn } from '../core/vocabulary/session-states.ts';
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
import { METER_BOUND } from '../core/meter-plausibility.ts';
import { stationSessionLookup, type ForeignSessionInput } from './station-session-lookup.ts';
import type { StrayTransactions } from './stray-transactions.ts';

export interface StationRegistry {
  markConnected(stationId: string, protocol: string, at: Date): Promise<void>;
  markDisconnected(stationId: string, at: Date): Promise<void>;
  markBooted(stationId: string, info: { vendor: string; model: string; firmware?: string; serial?: string }, at: Date): Promise<void>;
  markSeen(stationId: string, at: Date): Promise<void>;
  setConnectorStatus(stationId: string, connectorNo: number, status: ConnectorStatus, errorCode: string | undefined, at: Date): Promise<boolean>;
}

export interface ChargerEventsDeps {
  repo: SessionRepository;
  engine: SessionEngine;
  directory: ChargePointDirectory;
  stations: StationRegistry;
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
      if (e.connectorNo === 0) return; // station-wide; the connectors report their own
      const applied = await d.stations.setConnectorStatus(e.stationId, e.connectorNo, e.status, e.errorCode, e.at);
      if (!applied) return; // older than what we know
      d.connectorChanged(e.stationId);
      const connector = await d.directory.connectorAt(e.stationId, e.connectorNo);
      const active = connector ? await d.repo.activeOnConnector(connector.id) : undefined;
      const at = e.at.toISOString();
      if (statusIn(NO_CAR_STATUSES, e.status)) {
        // The car has left: an idle fee running on this connector ends (only
        // a session of this station and connector, invariant 7).
        for (const { session } of await d.repo.onStation(e.stationId, UNPLUG_AWAITED_STATES)) {
          if (session.connectorNo === e.connectorNo) await d.engine.apply(session.id, { type: 'car_unplugged', at }, 'station');
        }
      }
      if (active?.session.state === 'starting' && statusIn(CAR_ARRIVED, e.status)) {
        await d.engine.apply(active.session.id, { type: 'car_plugged_in' }, 'station');
      } else if (active && stateIn(RUNNING_STATES, active.session.state) && statusIn(NO_TRANSACTION_STATUSES, e.status)) {
        await d.engine.apply(active.session.id, { type: 'transaction_lost', signal: 'connector_available', at }, 'station');
      } else if (!(active && stateIn(LIVE_STATES, active.session.state)) && statusIn(CHARGING_STATUSES, e.status)) {
        // Charging on a connector whose session was settled: stop it. With
        // no such session, nobody pays for this charge: end it all the same.
        const owed = (await d.repo.stopOwedOnStation(e.stationId)).filter(({ session }) => session.connectorNo === e.connectorNo);
        for (const { session } of owed) {
          await d.engine.apply(session.id, { type: 'charging_after_settlement', at, signal: 'status' }, 'station');
        }
        if (owed.length === 0) await d.strays.end({ stationId: e.stationId, connectorNo: e.connectorNo, signal: 'status' });
      }
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
      return { verdict: ours && session.transactionId === transactionId ? 'accepted' : 'invalid', transactionId };
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
      return found ? { connectorNo: found.session.connectorNo } : undefined;
    },
    async transactionEnded(e: TransactionEnded) {
      const found = await lookup.own('transaction_end', e.stationId, { transactionId: e.transactionId, idTag: e.idTag });
      // Found by its tag, a session with another transaction is not the one
      // ending (a second transaction started with the same tag and refused).
      if (!found || (found.session.transactionId !== undefined && found.session.transactionId !== e.transactionId)) return { ours: false };
      await d.engine.apply(
        found.session.id,
        { type: 'transaction_ended', at: e.at.toISOString(), meterStopWh: e.meterStopWh, reason: e.reason },
        'station',
      );
      return { ours: true };
    },
  };
}
