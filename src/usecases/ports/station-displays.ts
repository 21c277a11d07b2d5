import type { DisplaySupport, PriceDisplayMode } from './charger-display.ts';

// Each station's screen as Ladepay keeps it: the operator's choice, and what
// the station said it supports when last asked (undefined: never asked).
export interface StationDisplay {
  mode: PriceDisplayMode;
  support?: DisplaySupport;
  supportAt?: string;
}

export interface StationDisplays {
  display(stationId: string): Promise<StationDisplay | undefined>;
  recordSupport(stationId: string, support: DisplaySupport, at: Date): Promise<void>;
  setMode(stationId: string, mode: PriceDisplayMode): Promise<boolean>;
  // Stations whose screen shows prices: set to 'auto' and supporting it.
  showingPrices(): Promise<string[]>;
}
