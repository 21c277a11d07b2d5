import type { Summary } from './percentiles.ts';

// What the stations-at-scale benchmark and its load generator (a child
// process) say to each other over the IPC channel.

export type LoadProtocol = 'ocpp1.6' | 'ocpp2.0.1';

export interface PlannedStation {
  id: string;
  protocol: LoadProtocol;
  charging: boolean;
}

export type ToGenerator =
  | {
      type: 'plan';
      url: string; // the OCPP endpoint; the station id is appended
      password: string;
      heartbeatSeconds: number;
      meterSeconds: number;
      callTimeoutMs: number;
      connectConcurrency: number;
      // Set: a station whose socket the server closed connects again after a
      // random delay up to this (then backing off), and boots again. Unset:
      // it stays away and counts as a drop.
      reconnectSpreadMs?: number;
      stations: PlannedStation[];
    }
  | { type: 'connect'; upTo: number }
  // Answers once at least `expected` stations have dropped since `since`
  // (wall-clock ms) and every one of them is booted again, or at the timeout.
  | { type: 'recovery'; since: number; expected: number; timeoutMs: number }
  | { type: 'measure'; seconds: number }
  | { type: 'burst'; seconds: number; stations: number }
  | { type: 'close' };

export interface ConnectReport {
  type: 'connected';
  connected: number; // stations open and booted, in all
  added: number;
  failed: number;
  seconds: number;
  upgradeMs: Summary; // WebSocket upgrade (Basic auth checked on the way)
  bootedMs: Summary; // from opening the socket to BootNotification answered
  failures: Record<string, number>;
}

export interface WindowReport {
  type: 'measured' | 'burst';
  seconds: number;
  stations: number;
  sent: number;
  answered: number;
  callErrors: number;
  timeouts: number;
  skippedBusy: number; // a scheduled message not sent: the station still waited for an answer
  dropped: number; // sockets the server closed during the window
  open: number;
  latencyMs: Summary;
  byAction: Record<string, Summary>;
  generatorCpuPercent: number;
  generatorLoopDelayP99Ms: number;
}

export interface RecoveryReport {
  type: 'recovered';
  dropped: number; // stations whose socket the server closed since `since`
  back: number; // … of which booted again (BootNotification and StatusNotification answered)
  droppedMs: Summary; // from `since` until each saw its socket closed
  bootMs: Summary; // the attempt that worked: connect → booted
  backMs: Summary; // from `since` until each was booted again
  attempts: number; // connects tried for them (a refused or failed one is tried again)
  failures: Record<string, number>; // why attempts failed
}

export type FromGenerator = { type: 'ready' } | ConnectReport | WindowReport | RecoveryReport | { type: 'closed' } | { type: 'failed'; error: string };
