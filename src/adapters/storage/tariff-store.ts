import type { Kysely } from 'kysely';
import { CURRENCY } from '../../core/money.ts';
import type { NewTariff, TariffBook, TariffEntry } from '../../usecases/ports/operator-tariffs.ts';
import type { Database, TariffsTable } from './schema.ts';

// The row's price columns become the core Tariff; the table holds no currency
// because Ladepay prices in one.
function tariffEntryOf(row: TariffsTable): TariffEntry {
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    tariff: {
      currency: CURRENCY,
      perKwhOre: row.per_kwh_ore,
      startFeeOre: row.start_fee_ore,
      perHourOre: row.per_hour_ore,
      idlePerMinuteOre: row.idle_per_minute_ore,
      idleGraceMinutes: row.idle_grace_minutes,
      idleCapOre: row.idle_cap_ore,
      vatRateBasisPoints: row.vat_rate_bp,
    },
    validFrom: row.valid_from,
    createdAt: row.created_at,
  };
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
      })
      .execute();
  }

  // The site's own tariff in force now, else the operator-wide one.
  async current(siteId: string, now: Date): Promise<TariffEntry | undefined> {
    const at = now.toISOString();
    const own = await this.db
      .selectFrom('tariffs')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('valid_from', '<=', at)
      .orderBy('valid_from', 'desc')
      .executeTakeFirst();
    if (own) return tariffEntryOf(own);
    const operatorWide = await this.db
      .selectFrom('tariffs')
      .selectAll()
      .where('site_id', 'is', null)
      .where('valid_from', '<=', at)
      .orderBy('valid_from', 'desc')
      .executeTakeFirst();
    return operatorWide && tariffEntryOf(operatorWide);
  }

  async byId(id: string): Promise<TariffEntry | undefined> {
    const row = await this.db.selectFrom('tariffs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && tariffEntryOf(row);
  }

  async list(): Promise<TariffEntry[]> {
    return (await this.db.selectFrom('tariffs').selectAll().orderBy('valid_from', 'desc').execute()).map(tariffEntryOf);
  }
}
