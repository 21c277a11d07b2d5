import type { Kysely, Selectable } from 'kysely';
import { CURRENCY } from '../../core/money.ts';
import type { CurrentType } from '../../core/tariff-assignment.ts';
import { validatePeriods, type TariffPeriod } from '../../core/tariff-schedule.ts';
import type { Tariff } from '../../core/tariff.ts';
import type { NewTariff, TariffBook, TariffEntry } from '../../usecases/ports/operator-tariffs.ts';
import type { Database, TariffsTable } from './schema.ts';

// The row's price columns become the core Tariff; the table holds no currency
// because Ladepay prices in one.
function tariffEntryOf(row: Selectable<TariffsTable>): TariffEntry {
  const tariff: Tariff = {
    currency: CURRENCY,
    perKwhOre: row.per_kwh_ore,
    startFeeOre: row.start_fee_ore,
    perHourOre: row.per_hour_ore,
    idlePerMinuteOre: row.idle_per_minute_ore,
    idleGraceMinutes: row.idle_grace_minutes,
    idleCapOre: row.idle_cap_ore,
    vatRateBasisPoints: row.vat_rate_bp,
  };
  return {
    id: row.id,
    siteId: row.site_id,
    connectorId: row.connector_id,
    powerClass:
      row.power_min_w === null ? null : { current: (row.power_current as CurrentType | null) ?? null, minPowerW: row.power_min_w, maxPowerW: row.power_max_w },
    name: row.name,
    tariff,
    periods: periodsOf(row, tariff),
    validFrom: row.valid_from,
    createdAt: row.created_at,
  };
}

// The periods are kept as they were accepted, each with its full prices, and
// checked again on the way out: a row that no longer passes is a fault to
// see, not a price to sell by.
function periodsOf(row: Selectable<TariffsTable>, base: Tariff): TariffPeriod[] {
  const checked = validatePeriods(base, JSON.parse(row.periods) as unknown);
  if (!checked.ok) throw new Error(`tariff ${row.id}: stored periods do not pass validatePeriods (${checked.error.map((e) => e.code).join(', ')})`);
  return checked.value;
}

function storedPeriods(periods: readonly TariffPeriod[]): string {
  return JSON.stringify(periods.map((p) => ({ days: p.days, from: p.from, to: p.to, ...p.prices })));
}

// Tariffs are never edited in place: a new price is a new row with a later
// validity start, so sessions keep the tariff they started with.
export class TariffStore implements TariffBook {
  constructor(private readonly db: Kysely<Database>) {}

  async create(t: NewTariff, now: Date): Promise<void> {
    await this.db
      .insertInto('tariffs')
      .values({
        id: t.id,
        site_id: t.siteId,
        name: t.name,
        per_kwh_ore: t.tariff.perKwhOre,
        start_fee_ore: t.tariff.startFeeOre,
        per_hour_ore: t.tariff.perHourOre,
        idle_per_minute_ore: t.tariff.idlePerMinuteOre,
        idle_grace_minutes: t.tariff.idleGraceMinutes,
        idle_cap_ore: t.tariff.idleCapOre,
        vat_rate_bp: t.tariff.vatRateBasisPoints,
        valid_from: t.validFrom.toISOString(),
        created_at: now.toISOString(),
        periods: storedPeriods(t.periods ?? []),
        connector_id: t.connectorId ?? null,
        power_current: t.powerClass?.current ?? null,
        power_min_w: t.powerClass ? t.powerClass.minPowerW : null,
        power_max_w: t.powerClass?.maxPowerW ?? null,
      })
      .execute();
  }

  // Every tariff that could apply to a connector of this site at `now`: begun,
  // and operator-wide, the site's, or this connector's. Which one wins is the
  // core's rule (tariffInForce).
  async candidates(siteId: string, connectorId: string, now: Date): Promise<TariffEntry[]> {
    const rows = await this.db
      .selectFrom('tariffs')
      .selectAll()
      .where('valid_from', '<=', now.toISOString())
      .where((eb) => eb.or([eb('site_id', 'is', null), eb('site_id', '=', siteId)]))
      .where((eb) => eb.or([eb('connector_id', 'is', null), eb('connector_id', '=', connectorId)]))
      .execute();
    return rows.map(tariffEntryOf);
  }

  // The tariff a site's connectors get unless one is assigned to a power class
  // or a connector: the site's own in force, else the operator-wide one.
  async current(siteId: string, now: Date): Promise<TariffEntry | undefined> {
    const general = (await this.candidates(siteId, '', now)).filter((e) => e.connectorId === null && e.powerClass === null);
    const newest = (entries: TariffEntry[]) => entries.sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
    return newest(general.filter((e) => e.siteId === siteId)) ?? newest(general.filter((e) => e.siteId === null));
  }

  async byId(id: string): Promise<TariffEntry | undefined> {
    const row = await this.db.selectFrom('tariffs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && tariffEntryOf(row);
  }

  async list(): Promise<TariffEntry[]> {
    return (await this.db.selectFrom('tariffs').selectAll().orderBy('valid_from', 'desc').execute()).map(tariffEntryOf);
  }
}
