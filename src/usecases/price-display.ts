import {
  chargingPrice,
  defaultPrice,
  DEFAULT_COST_DECIMALS,
  finalCostTexts,
  idlePrice,
  kroner,
  languagesFor,
  userPriceTexts,
  type DisplayLanguage,
  type Texts,
} from '../core/price-display.ts';
import type { Session } from '../core/session/session.ts';
import { energyUsedWh } from '../core/session/session.ts';
import { tariffAt } from '../core/tariff-schedule.ts';
import type { Tariff } from '../core/tariff.ts';
import { RUNNING_STATES, stateIn } from '../core/vocabulary/session-states.ts';
import type { ChargerCommands } from './ports/charger.ts';
import { showsPrices, type DisplaySupport, type ScreenText } from './ports/charger-display.ts';
import type { ChargePointDirectory } from './ports/charge-point-directory.ts';
import type { StationRegistry } from './ports/operator-stations.ts';
import type { SessionRepository } from './ports/session-repository.ts';
import type { StationDisplay, StationDisplays } from './ports/station-displays.ts';
import { runningCost } from './session-view.ts';
import { statusPageUrl } from './status-page-url.ts';

export interface PriceDisplayDeps {
  charger: Pick<ChargerCommands, 'isOnline' | 'readDisplaySupport' | 'showDefaultPrice' | 'showUserPrice' | 'showRunningCost' | 'showFinalCost'>;
  displays: StationDisplays;
  directory: Pick<ChargePointDirectory, 'station' | 'tariffFor'>;
  stations: Pick<StationRegistry, 'connectors'>;
  repo: Pick<SessionRepository, 'byTransaction'>;
  now: () => Date;
  meterIntervalSeconds: number;
  publicUrl: string;
  // Something went wrong on the way: worth a debug line, never more.
  failed: (err: unknown, what: string, stationId: string) => void;
}

// The price on the charger's own screen (docs/price-display.md), for stations
// that said they can show it and whose operator has not switched it off. All
// of it best effort: nothing here holds up a session or fails it.
export function priceDisplay(d: PriceDisplayDeps) {
  // When each transaction's running cost was last sent (Ladepay's clock).
  const lastRunningCost = new Map<string, number>();

  // The station's support, if its screen is to show prices.
  async function shown(stationId: string): Promise<DisplaySupport | undefined> {
    return supportOf(await d.displays.display(stationId));
  }

  // Each connector's price in force now, as the landing page shows it.
  async function tariffsOf(stationId: string, now: Date): Promise<{ connectorNo: number; tariff: Tariff }[]> {
    const station = await d.directory.station(stationId);
    if (!station) return [];
    const connectors = (await d.stations.connectors(stationId)).filter((c) => !c.disabled);
    const scheduled = await Promise.all(
      connectors.map(async (c) => ({ c, s: await d.directory.tariffFor({ id: c.id, siteId: station.siteId, type: c.type, maxPowerW: c.maxPowerW }, now) })),
    );
    return scheduled.flatMap(({ c, s }) => (s ? [{ connectorNo: c.connectorNo, tariff: tariffAt(s, now) }] : []));
  }

  // The price before anyone pays. `changed`: only if it is not the one the
  // station was last shown (a tariff's validity or its periods moved it on).
  async function showDefault(stationId: string, only: 'always' | 'changed'): Promise<void> {
    const display = await d.displays.display(stationId);
    const support = supportOf(display);
    if (!display || !support) return;
    const tariffs = await tariffsOf(stationId, d.now());
    const price = defaultPrice(tariffs.map((t) => t.tariff));
    if (!price) return;
    const order = languagesFor('nb');
    const screen = {
      texts: ordered(price.priceText, order),
      offlineTexts: ordered(price.offlineText, order),
      costFallbackTexts: ordered(COST_FALLBACK, order),
      chargingPrice: chargingPrice(price.tariff, decimalsOf(support)),
      tariffs,
    };
    const key = JSON.stringify(screen);
    if (only === 'changed' && display.shownPrice === key) return;
    if ((await d.charger.showDefaultPrice(stationId, support, screen)) === 'accepted') await d.displays.recordShownPrice(stationId, key);
  }

  // Every station showing prices whose price is not the one it shows, once.
  async function refresh(): Promise<void> {
    const ids = await d.displays.showingPrices();
    for (const id of ids) if (d.charger.isOnline(id)) await guarded('default_price', id, () => showDefault(id, 'changed'));
  }

  function guarded(what: string, stationId: string, task: () => Promise<void>): Promise<void> {
    return task().catch((err: unknown) => d.failed(err, what, stationId));
  }

  return {
    // After a boot: what the station can show, then the price before anyone pays.
    stationReady: (stationId: string) =>
      guarded('station_ready', stationId, async () => {
        const support = await d.charger.readDisplaySupport(stationId);
        if (!support) return;
        await d.displays.recordSupport(stationId, support, d.now());
        // A booted station may have forgotten it: shown again.
        await showDefault(stationId, 'always');
      }),

    // The operator switched it back on, say.
    showDefaultPrice: (stationId: string) => guarded('default_price', stationId, () => showDefault(stationId, 'always')),

    // A tariff was added: every station showing prices whose price it changes gets it, once.
    tariffsChanged: () => guarded('tariffs_changed', '', refresh),

    // Now and then (a job once per cluster): a price that changed by the clock,
    // a tariff's validity or its periods, reaches the screens.
    refreshDefaultPrices: () => guarded('refresh', '', refresh),

    transactionStarted: (stationId: string, transactionId: string) =>
      guarded('user_price', stationId, async () => {
        const found = await d.repo.byTransaction(stationId, transactionId);
        const s = found?.session;
        if (!s || s.state !== 'charging') return;
        const support = await shown(stationId);
        if (!support) return;
        const texts = userPriceTexts(s.tariff, s.authorizedOre > 0 ? s.authorizedOre : s.maxAmountOre);
        await d.charger.showUserPrice(stationId, support, { idTag: s.idTag, transactionId, connectorNo: s.connectorNo, texts: ordered(texts, languagesFor(s.language)), tariff: s.tariff });
      }),

    // At most once per meter interval for each transaction.
    meterValues: (stationId: string, transactionId: string) =>
      guarded('running_cost', stationId, async () => {
        const key = `${stationId} ${transactionId}`;
        const now = d.now();
        const last = lastRunningCost.get(key);
        if (last !== undefined && now.getTime() - last < d.meterIntervalSeconds * 900) return;
        const found = await d.repo.byTransaction(stationId, transactionId);
        const s = found?.session;
        if (!s || !stateIn(RUNNING_STATES, s.state)) {
          lastRunningCost.delete(key);
          return;
        }
        const support = await shown(stationId);
        if (!support) return;
        lastRunningCost.set(key, now.getTime());
        await d.charger.showRunningCost(stationId, support, runningScreen(s, transactionId, support, now));
      }),

    // The session is settled (its show_final_cost command): the total and the receipt's page.
    finalCost: (s: Session) =>
      guarded('final_cost', s.stationId, async () => {
        if (!s.transactionId || !s.priced) return;
        lastRunningCost.delete(`${s.stationId} ${s.transactionId}`);
        const support = await shown(s.stationId);
        if (!support) return;
        await d.charger.showFinalCost(s.stationId, support, {
          transactionId: s.transactionId,
          connectorNo: s.connectorNo,
          at: d.now().toISOString(),
          cost: kroner(s.priced.totalOre, decimalsOf(support)),
          texts: ordered(finalCostTexts(s.priced.totalOre, energyUsedWh(s)), languagesFor(s.language)),
          receiptUrl: statusPageUrl(d.publicUrl, s.token),
        });
      }),
  };
}

export type PriceDisplay = ReturnType<typeof priceDisplay>;

function supportOf(display: StationDisplay | undefined): DisplaySupport | undefined {
  return display && display.mode === 'auto' && showsPrices(display.support) ? display.support : undefined;
}

// 2.0.1 TotalCostFallbackMessage: shown when the station has no cost from Ladepay.
const COST_FALLBACK: Texts = { nb: 'Se prisen og kvitteringen på telefonen', en: 'See the price and the receipt on your phone' };

function ordered(texts: Texts, order: readonly DisplayLanguage[]): ScreenText[] {
  return order.map((language) => ({ language, text: texts[language] }));
}

function decimalsOf(support: DisplaySupport): number {
  return support.kind === 'california' ? support.decimals : DEFAULT_COST_DECIMALS;
}

// The cost so far as the driver's status page shows it (session-view.ts).
function runningScreen(s: Session, transactionId: string, support: DisplaySupport, now: Date) {
  const decimals = decimalsOf(support);
  const idle = idlePrice(s.tariff, decimals);
  return {
    transactionId,
    connectorNo: s.connectorNo,
    at: s.lastMeterAt ?? now.toISOString(),
    meterWh: s.meterLastWh ?? 0,
    cost: kroner(runningCost(s, now), decimals),
    charging: s.idleSince === undefined && (s.powerW === undefined || s.powerW > 0),
    chargingPrice: chargingPrice(s.tariff, decimals),
    ...(idle ? { idlePrice: idle } : {}),
  };
}
