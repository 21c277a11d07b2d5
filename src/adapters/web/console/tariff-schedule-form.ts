import type { PowerClass } from '../../../core/tariff-assignment.ts';
import { validatePeriods, type TariffPeriod } from '../../../core/tariff-schedule.ts';
import type { Tariff } from '../../../core/tariff.ts';
import { parseKroner } from '../format-nok.ts';
import { parseWeekdays } from '../weekdays.ts';
import type { FieldErrors } from './form-errors.ts';
import type { Messages } from './i18n/messages.ts';

// The console's tariff form beyond the base prices: up to PERIOD_ROWS periods
// (weekdays, from, to and the prices that differ; a blank price is the base's)
// and the assignment (a connector, or a power class by current and kW).

export const PERIOD_ROWS = 4;
export const PERIOD_FIELDS = ['Days', 'From', 'To', 'PerKwh', 'StartFee', 'PerHour', 'IdlePerMinute'] as const;
export type PeriodField = (typeof PERIOD_FIELDS)[number];

/** The form field of a period row: "p1Days", "p2PerKwh" … */
export function periodFieldName(row: number, f: PeriodField): string {
  return `p${row + 1}${f}`;
}

export function periodFieldNames(): string[] {
  return Array.from({ length: PERIOD_ROWS }, (_, row) => PERIOD_FIELDS.map((f) => periodFieldName(row, f))).flat();
}

const PRICE_OF: Partial<Record<PeriodField, string>> = { PerKwh: 'perKwhOre', StartFee: 'startFeeOre', PerHour: 'perHourOre', IdlePerMinute: 'idlePerMinuteOre' };

export function readPeriodRows(form: Readonly<Record<string, string>>, base: Tariff, t: Messages): { ok: true; periods: TariffPeriod[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const input: Array<Record<string, unknown>> = [];
  const rowOf: number[] = [];
  for (let row = 0; row < PERIOD_ROWS; row++) {
    const value = (f: PeriodField) => form[periodFieldName(row, f)] ?? '';
    if (PERIOD_FIELDS.every((f) => value(f) === '')) continue;
    const period: Record<string, unknown> = { from: value('From'), to: value('To') };
    const days = parseWeekdays(value('Days'));
    if (!days) errors[periodFieldName(row, 'Days')] = t.tariffs.errors.periodDays;
    else period.days = days;
    for (const [f, price] of Object.entries(PRICE_OF) as Array<[PeriodField, string]>) {
      if (value(f) === '') continue;
      const ore = parseKroner(value(f));
      if (ore === undefined) errors[periodFieldName(row, f)] = t.tariffs.errors.periodKroner;
      else period[price] = ore;
    }
    input.push(period);
    rowOf.push(row);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const checked = validatePeriods(base, input);
  if (checked.ok) return { ok: true, periods: checked.value };
  for (const e of checked.error) {
    const row = e.period === null ? 0 : (rowOf[e.period] ?? 0);
    const f: PeriodField = e.field === 'from' ? 'From' : e.field === 'to' ? 'To' : e.field === 'days' ? 'Days' : e.code === 'overlap' ? 'Days' : 'PerKwh';
    // Messages name the period by its row in the form.
    errors[periodFieldName(row, f)] ??= t.tariffs.periodError({ ...e, period: row, ...(e.other !== undefined ? { other: rowOf[e.other] ?? e.other } : {}) });
  }
  return { ok: false, errors };
}

export interface AssignmentForm {
  connectorId: string; // '' = none
  powerCurrent: string; // '' | 'AC' | 'DC'
  powerMinKw: string;
  powerMaxKw: string;
}

// "50", "7,4" kW → W; blank → undefined.
function watts(kw: string): number | undefined | 'bad' {
  if (kw === '') return undefined;
  const m = /^(\d{1,5})(?:[.,](\d))?$/.exec(kw.replace(/\s|kw$/gi, ''));
  return m ? Number(m[1]) * 1000 + Number(m[2] ?? '0') * 100 : 'bad';
}

export function readPowerClass(f: AssignmentForm, t: Messages): { ok: true; powerClass: PowerClass | null } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const min = watts(f.powerMinKw);
  const max = watts(f.powerMaxKw);
  if (min === 'bad') errors.powerMinKw = t.tariffs.errors.powerMin;
  if (max === 'bad') errors.powerMaxKw = t.tariffs.errors.powerMax;
  if (f.powerCurrent !== '' && f.powerCurrent !== 'AC' && f.powerCurrent !== 'DC') errors.powerCurrent = t.tariffs.errors.powerCurrent;
  if (Object.keys(errors).length > 0 || min === 'bad' || max === 'bad') return { ok: false, errors };
  if (f.powerCurrent === '' && min === undefined && max === undefined) return { ok: true, powerClass: null };
  return { ok: true, powerClass: { current: f.powerCurrent === '' ? null : (f.powerCurrent as 'AC' | 'DC'), minPowerW: min ?? 0, maxPowerW: max ?? null } };
}
