import type { SessionView } from '../../../usecases/ports/driver-views.ts';
import { formatKw, formatKwh, formatNok } from '../format-nok.ts';

// The status page's changing figures, formatted. The page is rendered with
// them and every live update carries them, so driver.js only writes text and
// keeps no copy of the number formatting that could drift from format-nok.ts.
export interface LiveFigures {
  energy: string;
  power: string;
  runningCost: string;
  maxAmount: string;
}

export function liveFigures(view: SessionView): LiveFigures {
  return {
    energy: formatKwh(view.energyWh),
    power: formatKw(view.powerW ?? 0),
    runningCost: formatNok(view.runningCostOre),
    maxAmount: formatNok(view.maxAmountOre),
  };
}

// What a live update sends: the view and its figures as the page shows them.
export function liveUpdate(view: SessionView): SessionView & { shown: LiveFigures } {
  return { ...view, shown: liveFigures(view) };
}
