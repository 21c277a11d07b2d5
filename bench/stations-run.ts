import type { ConnectReport, WindowReport } from './load-messages.ts';
import type { MachineInfo } from './machine-info.ts';
import type { ProfileSummary, ProfileWindow } from './cpu-profile-summary.ts';
import type { QuietOutcome } from './wait-for-quiet-machine.ts';

// The results of bench/stations-at-scale.ts, as data, for the report.

export type ServerKind = 'ladepay' | 'ceiling';

export interface LevelResult {
  stations: number;
  connect: ConnectReport;
  // Server CPU time spent while the new stations connected, per station:
  // for Ladepay this holds the scrypt check of the Basic-auth password.
  connectCpuMsPerStation: number;
  steady: WindowReport;
  steadyCpuPercent: number; // of one core
  rssBytes: number; // at the end of the steady window
  peakRssBytes: number; // the process's high-water mark so far
  burst?: WindowReport;
  burstCpuPercent?: number;
  steadyWindow: ProfileWindow;
  burstWindow?: ProfileWindow;
}

export interface ServerRun {
  kind: ServerKind;
  levels: LevelResult[];
  notes: string[];
  logSummary: string[];
  // Of the largest level: its steady window, and its burst.
  profile?: { steady: ProfileSummary; burst?: ProfileSummary; whole: ProfileSummary; stations: number };
}

export interface StationsSettings {
  passwords: 'generated' | 'short';
  levels: number[];
  cap: number;
  capReason: string;
  mix: number;
  chargingShare: number;
  heartbeatSeconds: number;
  meterSeconds: number;
  windowSeconds: number;
  settleSeconds: number;
  burstSeconds: number;
  burstStations: number;
  connectConcurrency: number;
  command: string;
}

export interface StationsResults {
  machine: MachineInfo;
  quiet: QuietOutcome;
  settings: StationsSettings;
  runs: ServerRun[];
  seconds: number;
}

// What the targets ask of a level: every call answered, quickly, in little memory.
export function holds(l: LevelResult): boolean {
  const s = l.steady;
  return l.connect.failed === 0 && s.callErrors === 0 && s.timeouts === 0 && s.dropped === 0 && s.latencyMs.p99 < 50 && l.rssBytes < 1.5 * 2 ** 30;
}
