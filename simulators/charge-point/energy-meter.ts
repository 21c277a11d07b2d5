// A connector's energy meter: a register that only counts up, read in whole
// Wh like the meters in real stations (which never start at 0 either).

export class EnergyMeter {
  private wh: number;

  constructor(startWh: number) {
    if (!Number.isFinite(startWh) || startWh < 0) throw new Error(`meter start must be ≥ 0 Wh, got ${startWh}`);
    this.wh = startWh;
  }

  get registerWh(): number {
    // The epsilon absorbs float drift from summing many slices: 499.9999999 Wh
    // delivered is 500 Wh on the register.
    return Math.floor(this.wh + 1e-6);
  }

  // What has flowed, not yet rounded down to the register's whole Wh.
  get exactWh(): number {
    return this.wh;
  }

  add(wh: number): void {
    // A register never runs backwards, whatever a caller computes.
    if (wh > 0) this.wh += wh;
  }
}

// One reading of a connector, protocol-neutral; the dialects format it.
export interface MeterSample {
  at: Date;
  context: SampleContext;
  energyWh: number; // register, integer
  powerW: number; // integer
  socPercent?: number; // integer, only with a car plugged in
}

export type SampleContext = 'Sample.Periodic' | 'Transaction.Begin' | 'Transaction.End' | 'Trigger';
