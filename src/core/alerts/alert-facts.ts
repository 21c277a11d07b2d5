// What the alert rules look at, read fresh for every evaluation. Times are
// ISO 8601 UTC.
export interface AlertFacts {
  stations: Array<{ id: string; name: string; online: boolean; disabled: boolean; lastSeenAt: string | null }>;
  faultedConnectors: Array<{ id: string; stationId: string; connectorNo: number; code: string; errorCode: string | null; since: string | null }>;
  // Dead side effects, alert deliveries left out (they have a rule of their own).
  deadOutboxItems: Array<{ id: number; kind: string; key: string; lastError: string | null }>;
  // Sessions in needs_review, or recently changed with a flag an operator must look at.
  flaggedSessions: Array<{ id: string; state: string; flags: string[]; updatedAt: string }>;
  // Alert deliveries not through: waiting for another attempt after a failure, or dead.
  failingDeliveries: Array<{ id: number; kind: string; attempts: number; dead: boolean; lastError: string | null }>;
  // Vipps API attempts in the rule's window, and how many failed (network, timeout, 429, 5xx).
  vippsCalls: { calls: number; failures: number };
}

// Flags a session keeps that mean an operator has something to look at
// (docs/session-states.md): the stop never reached the station, the station
// charged on after the bill was made, the unplug was never reported.
export const ATTENTION_FLAGS = ['stop_not_delivered', 'charging_after_settlement', 'unplug_not_reported'] as const;
