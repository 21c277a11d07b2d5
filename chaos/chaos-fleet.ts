import { startChargePoint, type ChargePoint } from '../simulators/charge-point/index.ts';
import type { StationSpec } from './chaos-fleet-spec.ts';
import { HostileStations } from './hostile-station.ts';
import { StationObserver } from './station-observer.ts';
import type { Slot } from './world-context.ts';
import type { WorldClock } from './world-clock.ts';
import type { WorldSettings } from './world-settings.ts';

export interface ChaosFleet {
  slots: Slot[];
  observers: StationObserver[];
  hostile: HostileStations;
  stop(): Promise<void>;
}

// Every station of the world on the shared clock, each watched by its
// observer; the hostile ones are handed to the attacker.
export async function startChaosFleet(specs: StationSpec[], clock: WorldClock, settings: WorldSettings, csmsUrl: string): Promise<ChaosFleet> {
  const started: Array<{ spec: StationSpec; station: ChargePoint; observer: StationObserver }> = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < specs.length) {
      const spec = specs[next++] as StationSpec;
      const observer = new StationObserver(spec.id, spec.protocol, clock);
      const station = await startChargePoint({
        csmsUrl,
        stationId: spec.id,
        password: spec.password,
        protocol: spec.protocol,
        connectors: spec.connectors.length,
        connectorMaxPowerW: spec.connectors[0]?.maxPowerW,
        clock: { now: clock.now, scale: clock.scale },
        meterIntervalSeconds: settings.meterIntervalS,
        txNotFoundReason: true,
        onFrame: (frame) => observer.frame(frame),
        reconnectInitialDelayMs: 250,
        reconnectMaxDelayMs: 2_000,
        settleTimeoutMs: 5_000,
        callTimeoutMs: 15_000,
        bootTimeoutMs: 180_000,
        maxFrames: 50,
      });
      observer.attach(station);
      observer.online = true;
      started.push({ spec, station, observer });
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, specs.length) }, worker));
  started.sort((a, b) => specs.indexOf(a.spec) - specs.indexOf(b.spec));
  const slots: Slot[] = [];
  for (const s of started) {
    if (s.spec.hostile) continue;
    for (const connector of s.spec.connectors) slots.push({ station: s.station, spec: s.spec, connector, observer: s.observer });
  }
  const hostileOf = (protocol: string) => {
    const found = started.find((s) => s.spec.hostile && s.spec.protocol === protocol);
    if (!found) throw new Error(`no hostile ${protocol} station`);
    return found.station;
  };
  return {
    slots,
    observers: started.map((s) => s.observer),
    hostile: new HostileStations({ 'ocpp1.6': hostileOf('ocpp1.6'), 'ocpp2.0.1': hostileOf('ocpp2.0.1') }, clock),
    stop: async () => {
      await Promise.all(started.map((s) => s.station.stop()));
    },
  };
}
