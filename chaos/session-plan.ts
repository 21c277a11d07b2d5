import { CHAOS_AMOUNTS_ORE } from './chaos-tariff.ts';
import { FAULTS, type FaultKind } from './fault-catalogue.ts';
import { prng, type Prng } from './prng.ts';

// What one driver will do, and what will go wrong during the session, drawn
// from the run's seed and the session's number alone. Times are world seconds.

export type EndKind = 'driver-stop' | 'station-stop' | 'unplug' | 'cost-guard' | 'operator-stop' | 'operator-settle' | 'stop-with-station';

export type Disruption =
  | { kind: 'offline'; atS: number; forS: number; keepQueue: boolean }
  | { kind: 'stop-while-offline'; atS: number; forS: number; pressAfterS: number }
  | { kind: 'power-loss'; atS: number; offS: number; sendStop: boolean; stopAfter: boolean }
  | { kind: 'reboot-forget'; atS: number; stopAfter: boolean };

export interface HostilePlan {
  kind: 'stop' | 'meter' | 'authorize';
  atS: number;
  protocol: 'ocpp1.6' | 'ocpp2.0.1';
  absurd: boolean; // an absurd register rather than a merely large one
}

export interface SessionPlan {
  index: number;
  faults: FaultKind[];
  maxAmountOre: number;
  car: { batteryWh: number; socPercent: number; maxPowerW: number };
  plugFirst: boolean;
  payment: 'approve' | 'reject' | 'abandon';
  noCar: boolean;
  payTwice: boolean;
  thinkS: number;
  chargeS: number;
  end: EndKind;
  stopTwice: boolean;
  disruption?: Disruption;
  late?: { atS: number; count: number; delayS: number };
  glitch?: { atS: number; addWh: number };
  // A fault the connector reports while it charges on; cleared after clearAfterS, or (lasting) only after the charge.
  connectorFault?: { atS: number; clearAfterS?: number };
  hostile?: HostilePlan;
  refund?: { share: number };
  gapS: number;
}

export interface PlanOptions {
  seed: number;
  faults: ReadonlySet<FaultKind>;
  silenceS: number;
  charge: { minS: number; maxS: number };
}

export function planSession(index: number, o: PlanOptions): SessionPlan {
  const r = prng(o.seed, `session-${index}`);
  const faults: FaultKind[] = [];
  const draw = (kind: FaultKind): boolean => {
    const hit = o.faults.has(kind) && r.chance(FAULTS[kind].rate);
    if (hit) faults.push(kind);
    return hit;
  };
  const exclusive = (kinds: FaultKind[]): FaultKind | undefined => {
    const roll = r.next();
    let acc = 0;
    for (const kind of kinds) {
      if (!o.faults.has(kind)) continue;
      acc += FAULTS[kind].rate;
      if (roll < acc) {
        faults.push(kind);
        return kind;
      }
    }
    return undefined;
  };

  const payment = exclusive(['driver-reject', 'driver-abandon']);
  const noCar = payment === undefined && draw('driver-no-car');
  const ends: Array<[EndKind, number]> = [['driver-stop', 0.62], ['station-stop', 0.12], ['unplug', 0.06], ['cost-guard', 0.2]];
  let end = weighted(r, ends);
  const planned = exclusive(['operator-stop', 'operator-settle', 'stop-with-station']);
  if (planned === 'operator-stop' || planned === 'operator-settle' || planned === 'stop-with-station') end = planned;
  const costGuard = end === 'cost-guard';
  // A cost-guard driver leaves the car on the smallest maximum until the guard stops it (or 45 min pass).
  const chargeS = costGuard ? 45 * 60 : Math.round(r.logUniform(o.charge.minS, o.charge.maxS));
  const at = (from: number, to: number) => Math.round(r.between(from, to) * Math.min(chargeS, o.charge.maxS));

  const plan: SessionPlan = {
    index,
    faults,
    maxAmountOre: costGuard ? (CHAOS_AMOUNTS_ORE[0] as number) : r.pick(CHAOS_AMOUNTS_ORE),
    car: costGuard
      ? { batteryWh: r.pick([77_000, 100_000]), socPercent: r.int(5, 30), maxPowerW: r.pick([22_000, 50_000, 150_000]) }
      : { batteryWh: r.pick([40_000, 60_000, 77_000, 100_000]), socPercent: r.int(5, 70), maxPowerW: r.pick([7_400, 11_000, 22_000, 50_000, 150_000]) },
    plugFirst: noCar || r.chance(0.85),
    payment: payment === 'driver-reject' ? 'reject' : payment === 'driver-abandon' ? 'abandon' : 'approve',
    noCar,
    payTwice: draw('pay-twice'),
    thinkS: Math.round(r.between(5, 60)),
    chargeS,
    end,
    stopTwice: draw('stop-twice'),
    gapS: Math.round(r.between(30, 240)),
  };

  const disruption = exclusive(['station-offline', 'station-offline-no-queue', 'station-offline-long', 'stop-while-offline', 'power-loss-stop', 'power-loss-no-stop', 'reboot-forget']);
  if (disruption === 'station-offline' || disruption === 'station-offline-no-queue') {
    plan.disruption = { kind: 'offline', atS: at(0.2, 0.6), forS: Math.round(r.between(60, 480)), keepQueue: disruption === 'station-offline' };
  } else if (disruption === 'station-offline-long') {
    plan.disruption = { kind: 'offline', atS: at(0.2, 0.6), forS: Math.round(r.between(o.silenceS + 60, o.silenceS + 600)), keepQueue: true };
  } else if (disruption === 'stop-while-offline') {
    const forS = Math.round(r.between(120, 600));
    plan.disruption = { kind: 'stop-while-offline', atS: at(0.2, 0.6), forS, pressAfterS: Math.round(r.between(20, forS - 20)) };
  } else if (disruption === 'power-loss-stop' || disruption === 'power-loss-no-stop') {
    plan.disruption = { kind: 'power-loss', atS: at(0.2, 0.7), offS: Math.round(r.between(30, 300)), sendStop: disruption === 'power-loss-stop', stopAfter: r.chance(0.5) };
  } else if (disruption === 'reboot-forget') {
    plan.disruption = { kind: 'reboot-forget', atS: at(0.2, 0.7), stopAfter: r.chance(0.5) };
  }
  if (plan.disruption?.kind === 'offline') plan.chargeS = Math.max(plan.chargeS, plan.disruption.atS + plan.disruption.forS + 180);
  if (draw('meter-late')) plan.late = { atS: at(0.1, 0.6), count: r.int(1, 3), delayS: Math.round(r.between(120, 300)) };
  if (draw('meter-glitch')) plan.glitch = { atS: at(0.1, 0.7), addWh: r.chance(0.5) ? 150_000 : 12_000_000 };
  const fault = exclusive(['connector-fault-clears', 'connector-fault-lasting']);
  if (fault) plan.connectorFault = { atS: at(0.1, 0.6), ...(fault === 'connector-fault-clears' ? { clearAfterS: Math.round(r.between(3, 15)) } : {}) };
  const hostile = exclusive(['hostile-stop', 'hostile-meter', 'hostile-authorize']);
  if (hostile) {
    const kind = hostile === 'hostile-stop' ? 'stop' : hostile === 'hostile-meter' ? 'meter' : 'authorize';
    plan.hostile = { kind, atS: at(0.1, 0.6), protocol: r.chance(0.5) ? 'ocpp1.6' : 'ocpp2.0.1', absurd: r.chance(0.5) };
  }
  if (draw('operator-refund')) plan.refund = { share: r.between(0.1, 0.9) };
  return plan;
}

function weighted<T>(r: Prng, options: Array<[T, number]>): T {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let roll = r.next() * total;
  for (const [value, w] of options) {
    roll -= w;
    if (roll < 0) return value;
  }
  return (options.at(-1) as [T, number])[0];
}
