// OCPP 2.1 TransactionLimitType: the most a transaction may cost, deliver or
// last, as the CSMS gave it in a TransactionEventResponse. The station keeps
// the latest and enforces it itself, also while the link is down.

export interface TransactionLimit {
  maxCost?: number; // in the tariff's currency, against the station's own cost including tax
  maxEnergy?: number; // Wh delivered in the transaction
  maxTime?: number; // s from start
  maxSoC?: number; // percent
}

export type LimitKind = 'maxEnergy' | 'maxCost' | 'maxTime' | 'maxSoC';

export interface LimitReached {
  kind: LimitKind;
  at: string; // station time
  energyWh: number; // delivered in the transaction when it stopped
  seconds: number; // since the start
  cost?: number; // the station's own cost including tax, when it had a tariff
}

export interface LimitState {
  energyWh: number;
  seconds: number;
  cost?: number;
  socPercent?: number;
}

// The first limit the transaction has reached, if any.
export function limitReached(limit: TransactionLimit | undefined, now: LimitState): LimitKind | undefined {
  if (!limit) return undefined;
  if (limit.maxEnergy !== undefined && now.energyWh >= limit.maxEnergy) return 'maxEnergy';
  if (limit.maxCost !== undefined && now.cost !== undefined && now.cost >= limit.maxCost) return 'maxCost';
  if (limit.maxTime !== undefined && now.seconds >= limit.maxTime) return 'maxTime';
  if (limit.maxSoC !== undefined && now.socPercent !== undefined && now.socPercent >= limit.maxSoC) return 'maxSoC';
  return undefined;
}
