import { CHARGING_STATUSES, statusIn } from '../core/vocabulary/connector-status.ts';
import { LIVE_STATES, stateIn } from '../core/vocabulary/session-states.ts';
import type { ChargerCommands } from './ports/charger.ts';
import type { ChargePointDirectory } from './ports/charge-point-directory.ts';
import type { SessionRepository } from './ports/session-repository.ts';

// A transaction the station runs that no session of Ladepay's owns: its start
// was lost (the station dropped an unanswered StartTransaction in an outage),
// the session that asked for it gave up before hearing of it, or the station
// started one on its own. Nobody pays for its energy, so it is ended
// (docs/chaos.md, "stray transactions"): with the station's transaction id
// when it is known (2.0.1), else by unlocking the connector, which ends the
// transaction on it first (OCPP 1.6 §5.17 Unlock Connector).

export interface StrayTransaction {
  stationId: string;
  connectorNo?: number; // unknown when a 2.0.1 station never named the EVSE
  transactionId?: string; // the station's; unknown to a 1.6 station that never got one
  signal: 'status' | 'transaction_event' | 'failed_start';
}

export interface StrayTransactionsDeps {
  repo: SessionRepository;
  directory: ChargePointDirectory;
  charger: Pick<ChargerCommands, 'isOnline' | 'remoteStop' | 'unlock'>;
  now: () => Date;
  // Logged and counted: the operator sees every stray and the stop sent.
  ended: (e: StrayTransaction & { command: 'remote_stop' | 'unlock' }) => void;
  failed: (e: StrayTransaction, err: unknown) => void;
}

export interface StrayTransactions {
  // The station says it charges here; end it unless a session may own it.
  end(e: StrayTransaction): Promise<void>;
  // A session whose start failed: the connector still charging is a stray.
  afterFailedStart(stationId: string, connectorNo: number): Promise<void>;
}

// A station that charges on despite the stop is asked again, at most this often.
export const STRAY_RETRY_MS = 60_000;
const REMEMBERED = 10_000;

export function strayTransactions(d: StrayTransactionsDeps): StrayTransactions {
  const lastSent = new Map<string, number>();

  // A session starting on the connector (or, the EVSE unknown, on the
  // station) may yet be told of this transaction: it is not a stray yet.
  async function mayBeOwned(e: StrayTransaction): Promise<boolean> {
    if (e.connectorNo === undefined) return (await d.repo.onStation(e.stationId, ['starting'])).length > 0;
    const connector = await d.directory.connectorAt(e.stationId, e.connectorNo);
    if (!connector) return false;
    const active = await d.repo.activeOnConnector(connector.id);
    return active !== undefined && stateIn(LIVE_STATES, active.session.state);
  }

  function due(key: string): boolean {
    const now = d.now().getTime();
    const last = lastSent.get(key);
    if (last !== undefined && now - last < STRAY_RETRY_MS) return false;
    lastSent.delete(key);
    lastSent.set(key, now);
    if (lastSent.size > REMEMBERED) lastSent.delete(lastSent.keys().next().value as string);
    return true;
  }

  const self: StrayTransactions = {
    async end(e) {
      const { charger } = d;
      if (!charger.isOnline(e.stationId) || (await mayBeOwned(e))) return;
      if (e.transactionId === undefined && e.connectorNo === undefined) return;
      if (!due(`${e.stationId}\u0000${e.connectorNo ?? ''}\u0000${e.transactionId ?? ''}`)) return;
      const command = e.transactionId !== undefined ? 'remote_stop' : 'unlock';
      d.ended({ ...e, command });
      // Not awaited: the station may be waiting for the answer to the very
      // message that told of the transaction.
      const sent =
        e.transactionId !== undefined ? charger.remoteStop(e.stationId, e.transactionId) : charger.unlock(e.stationId, e.connectorNo as number);
      void sent.catch((err: unknown) => d.failed(e, err));
    },

    async afterFailedStart(stationId, connectorNo) {
      const connector = await d.directory.connectorAt(stationId, connectorNo);
      if (connector && statusIn(CHARGING_STATUSES, connector.status)) await self.end({ stationId, connectorNo, signal: 'failed_start' });
    },
  };
  return self;
}
