import type { ChargerEvents } from './ports/charger.ts';
import type { PriceDisplay } from './price-display.ts';

// The stations' messages as the session logic handles them, and then the
// price on the station's screen (docs/price-display.md). These arrive on the
// node holding the station's socket, so the screen is told from here at once;
// never awaited: a screen never holds up the answer to the station, and its
// failures stay in the price display.
export function withPriceDisplay(events: ChargerEvents, display: PriceDisplay): ChargerEvents {
  return {
    ...events,
    async stationReady(stationId, at) {
      await events.stationReady(stationId, at);
      void display.stationReady(stationId);
    },
    async transactionStarted(e) {
      const answer = await events.transactionStarted(e);
      if (answer.verdict === 'accepted') void display.transactionStarted(e.stationId, answer.transactionId);
      return answer;
    },
    async meterValues(e) {
      await events.meterValues(e);
      if (e.transactionId) void display.meterValues(e.stationId, e.transactionId);
    },
  };
}
