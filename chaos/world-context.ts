import type { ChargePoint } from '../simulators/charge-point/index.ts';
import type { VippsSimulator } from '../simulators/vipps/index.ts';
import type { ConnectorSpec, StationSpec } from './chaos-fleet-spec.ts';
import type { HostileStations } from './hostile-station.ts';
import type { OperatorClient } from './operator-client.ts';
import type { StationObserver } from './station-observer.ts';
import type { WorldClock } from './world-clock.ts';
import type { WorldSettings } from './world-settings.ts';

// What a session's choreography needs of the chaos world around it.
export interface WorldContext {
  clock: WorldClock;
  settings: WorldSettings;
  vipps: VippsSimulator;
  ladepayUrl(): string;
  operator: OperatorClient;
  hostile: HostileStations;
  ladepayUp(): boolean; // false while killed and restarting
  log(line: string): void;
}

// One connector of one station, with its observer: sessions run on it one after another.
export interface Slot {
  station: ChargePoint;
  spec: StationSpec;
  connector: ConnectorSpec;
  observer: StationObserver;
}

// Polls a condition until it holds or a stretch of world time has passed.
export async function until(clock: WorldClock, condition: () => boolean | Promise<boolean>, withinWorldMs: number, everyRealMs = 100): Promise<boolean> {
  const deadline = clock.nowMs() + withinWorldMs;
  for (;;) {
    if (await condition()) return true;
    if (clock.nowMs() >= deadline) return false;
    await new Promise((r) => setTimeout(r, everyRealMs));
  }
}
