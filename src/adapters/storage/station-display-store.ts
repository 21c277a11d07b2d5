import type { Kysely } from 'kysely';
import type { DisplaySupport, PriceDisplayMode } from '../../usecases/ports/charger-display.ts';
import { showsPrices } from '../../usecases/ports/charger-display.ts';
import type { StationDisplay, StationDisplays } from '../../usecases/ports/station-displays.ts';
import type { Database } from './schema.ts';

// The price on each station's screen (migration 0015): the operator's choice,
// and what the station said it supports, kept as JSON and read back checked.

function modeOf(value: string): PriceDisplayMode {
  return value === 'off' ? 'off' : 'auto';
}

const isText = (v: unknown): v is string => typeof v === 'string';

// Undefined for anything this version did not write.
export function readSupport(json: string | null): DisplaySupport | undefined {
  if (!json) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  if (r.kind === 'none') return { kind: 'none' };
  if (r.kind === 'california' && Number.isSafeInteger(r.decimals) && Array.isArray(r.languages) && r.languages.every(isText)) {
    return { kind: 'california', decimals: r.decimals as number, languages: r.languages };
  }
  if (r.kind === 'display_messages' && typeof r.messages === 'boolean' && typeof r.tariff === 'boolean' && typeof r.cost === 'boolean') {
    return {
      kind: 'display_messages',
      messages: r.messages,
      tariff: r.tariff,
      cost: r.cost,
      ...(isText(r.currency) ? { currency: r.currency } : {}),
      ...(typeof r.tariffs21 === 'boolean' ? { tariffs21: r.tariffs21 } : {}),
      ...(typeof r.qrCode === 'boolean' ? { qrCode: r.qrCode } : {}),
    };
  }
  return undefined;
}

export class StationDisplayStore implements StationDisplays {
  constructor(private readonly db: Kysely<Database>) {}

  async display(stationId: string): Promise<StationDisplay | undefined> {
    const row = await this.db
      .selectFrom('stations')
      .select(['price_display', 'display_support', 'display_support_at', 'display_price'])
      .where('id', '=', stationId)
      .executeTakeFirst();
    if (!row) return undefined;
    const support = readSupport(row.display_support);
    return {
      mode: modeOf(row.price_display),
      ...(support ? { support } : {}),
      ...(row.display_support_at ? { supportAt: row.display_support_at } : {}),
      ...(row.display_price ? { shownPrice: row.display_price } : {}),
    };
  }

  async recordSupport(stationId: string, support: DisplaySupport, at: Date): Promise<void> {
    await this.db
      .updateTable('stations')
      .set({ display_support: JSON.stringify(support), display_support_at: at.toISOString() })
      .where('id', '=', stationId)
      .execute();
  }

  async setMode(stationId: string, mode: PriceDisplayMode): Promise<boolean> {
    const r = await this.db.updateTable('stations').set({ price_display: mode }).where('id', '=', stationId).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async recordShownPrice(stationId: string, shown: string): Promise<void> {
    await this.db.updateTable('stations').set({ display_price: shown }).where('id', '=', stationId).execute();
  }

  async showingPrices(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('stations')
      .select(['id', 'display_support'])
      .where('price_display', '=', 'auto')
      .where('display_support', 'is not', null)
      .where('disabled', '=', 0)
      .orderBy('id')
      .execute();
    return rows.filter((r) => showsPrices(readSupport(r.display_support))).map((r) => r.id);
  }
}
