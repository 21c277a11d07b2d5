import type { DisplaySupport, PriceDisplayMode } from './charger-display.ts';

// Each station's screen as Ladepay keeps it: the operator's choice, and what
// the station said it supports when last asked (undefined: never asked).
export interface StationDisplay {
  mode: PriceDisplayMode;
  support?: DisplaySupport;
  supportAt?: string;
  // The price before anyone pays as it was last shown (the screen's JSON).
  shownPrice?: string;
}

export interface StationDisplays {
  display(stationId: string): Promise<StationDisplay | undefined>;
  recordSupport(stationId: string, support: DisplaySupport, at: Date): Promise<void>;
  setMode(stationId: string, mode: PriceDisplayMode): Promise<boolean>;
  recordShownPrice(stationId: string, shown: string): Promise<void>;
  // Stations whose screen shows prices: set to 'auto' and supporting it.
  showingPrices(): Promise<string[]>;
}
