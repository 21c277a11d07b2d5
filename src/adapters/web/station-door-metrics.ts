import { Counter, Gauge, type Registry } from 'prom-client';
import type { OcppDoorMetrics, UpgradeOutcome } from '../ocpp/ocpp-server.ts';
import type { FrameRefusal } from '../ocpp/frame-guard.ts';
import type { LockKind } from '../ocpp/station-auth-limiter.ts';

export interface StationDoorSources {
  upgradesInProgress(): number;
  activeLockouts(): Record<LockKind, number>;
}

const OUTCOMES: UpgradeOutcome[] = ['accepted', 'refused', 'disabled', 'locked', 'busy', 'address-cap', 'no-subprotocol', 'error'];
const REFUSALS: FrameRefusal[] = ['message-id-too-long', 'too-many-calls-in-flight', 'frame-too-large'];

// The station door on /metrics: upgrades by outcome, frames refused, live
// sockets replaced, lockouts in force and upgrades being checked.
export function stationDoorMetrics(registry: Registry, sources: () => StationDoorSources | undefined): OcppDoorMetrics {
  const upgrades = new Counter({
    name: 'ladepay_ocpp_upgrades_total',
    help: 'OCPP WebSocket upgrades by outcome (refused: wrong or missing password, or unknown station; locked/busy: refused by the attempt limits before the password was checked; address-cap: too many connections from one address)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  for (const outcome of OUTCOMES) upgrades.inc({ outcome }, 0);
  const frames = new Counter({
    name: 'ladepay_ocpp_frames_refused_total',
    help: 'OCPP frames refused by the endpoint’s limits, by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  for (const reason of REFUSALS) frames.inc({ reason }, 0);
  const replaced = new Counter({
    name: 'ladepay_ocpp_connections_replaced_total',
    help: 'Live station sockets replaced by a new connection with the same station id',
    registers: [registry],
  });
  new Gauge({
    name: 'ladepay_ocpp_lockouts',
    help: 'OCPP upgrade lockouts in force in this process, by kind (station: a station id from one address; address: every id from one address)',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const counts = sources()?.activeLockouts();
      if (counts) for (const [kind, n] of Object.entries(counts)) this.set({ kind }, n);
    },
  });
  new Gauge({
    name: 'ladepay_ocpp_upgrades_in_progress',
    help: 'OCPP upgrades whose password is being checked',
    registers: [registry],
    collect() {
      const s = sources();
      if (s) this.set(s.upgradesInProgress());
    },
  });
  return {
    upgrade: (outcome) => upgrades.inc({ outcome }),
    frameRefused: (reason) => frames.inc({ reason }),
    connectionReplaced: () => replaced.inc(),
  };
}
