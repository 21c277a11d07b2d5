import type { Kysely } from 'kysely';
import type { Tariff } from '../../core/tariff.ts';
import type { NewTariff, TariffBook, TariffRow } from '../../usecases/ports/operator-tariffs.ts';
import type { Database } from './schema.ts';

export function tariffOf(row: TariffRow): Tariff {
  return {
    currency: 'NOK',
    perKwhOre: row.per_kwh_ore,
    startFeeOre: row.start_fee_ore,
    perHourOre: row.per_hour_ore,
    idlePerMinuteOre: row.idle_per_minute_ore,
    idleGraceMinutes: row.idle_grace_minutes,
    idleCapOre: row.idle_cap_ore,
    vatRateBasisPoints: row.vat_rate_bp,
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
  async current(siteId: string, now: Date): Promise<TariffRow | undefined> {
    const at = now.toISOString();
    const own = await this.db
      .selectFrom('tariffs')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('valid_from', '<=', at)
      .orderBy('valid_from', 'desc')
      .executeTakeFirst();
    if (own) return own;
    return this.db
      .selectFrom('tariffs')
      .selectAll()
      .where('site_id', 'is', null)
      .where('valid_from', '<=', at)
      .orderBy('valid_from', 'desc')
      .executeTakeFirst();
  }

  async byId(id: string): Promise<TariffRow | undefined> {
    return this.db.selectFrom('tariffs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(): Promise<TariffRow[]> {
    return this.db.selectFrom('tariffs').selectAll().orderBy('valid_from', 'desc').execute();
  }
}
