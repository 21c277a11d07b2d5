import { validateTariff, type Tariff, type TariffError } from '../../../core/tariff.ts';
import { parseKroner } from '../format-nok.ts';
import type { FieldErrors } from './form-errors.ts';
import { parsePercent } from './kroner.ts';
import { osloLocalToUtc } from './oslo-time.ts';
import type { Messages } from './i18n/messages.ts';

export interface TariffForm {
  name: string;
  siteId: string; // '' = operator-wide
  perKwh: string;
  startFee: string;
  perHour: string;
  idlePerMinute: string;
  idleGraceMinutes: string;
  idleCap: string;
  vat: string;
  validFrom: string; // Oslo time; '' = now
}

export const EMPTY_TARIFF_FORM: TariffForm = {
  name: '',
  siteId: '',
  perKwh: '',
  startFee: '0',
  perHour: '0',
  idlePerMinute: '0',
  idleGraceMinutes: '0',
  idleCap: '0',
  vat: '25',
  validFrom: '',
};

const KRONER_FIELDS = { perKwh: 'perKwhOre', startFee: 'startFeeOre', perHour: 'perHourOre', idlePerMinute: 'idlePerMinuteOre', idleCap: 'idleCapOre' } as const;
const FORM_FIELD: Record<string, keyof TariffForm> = {
  perKwhOre: 'perKwh',
  startFeeOre: 'startFee',
  perHourOre: 'perHour',
  idlePerMinuteOre: 'idlePerMinute',
  idleCapOre: 'idleCap',
  idleGraceMinutes: 'idleGraceMinutes',
  vatRateBasisPoints: 'vat',
};

function message(e: TariffError, m: Messages['tariffs']['errors']): string {
  switch (e.code) {
    case 'too_large':
      return e.field === 'vatRateBasisPoints' ? m.tooLargeVat : m.tooLarge;
    case 'idle_fee_needs_cap':
      return m.idleNeedsCap;
    case 'idle_cap_needs_fee':
      return m.capNeedsFee;
    case 'no_charging_price':
      return m.noChargingPrice;
    case 'negative':
      return m.negative;
    default:
      return m.invalid;
  }
}

// The form as typed → a tariff checked by validateTariff and its validity
// start, or the problems per form field. Kroner become øre by parsing the
// digits, never through a float.
export function readTariffForm(f: TariffForm, now: Date, t: Messages): { ok: true; tariff: Tariff; validFrom: Date } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const m = t.tariffs.errors;
  if (f.name.length < 1 || f.name.length > 100) errors.name = t.forms.nameRequired;
  const input: Record<string, number> = {};
  for (const [formName, tariffName] of Object.entries(KRONER_FIELDS) as Array<[keyof typeof KRONER_FIELDS, string]>) {
    const ore = parseKroner(f[formName]);
    if (ore === undefined) errors[formName] = m.kroner;
    else input[tariffName] = ore;
  }
  if (!/^\d{1,5}$/.test(f.idleGraceMinutes)) errors.idleGraceMinutes = m.minutes;
  else input.idleGraceMinutes = Number(f.idleGraceMinutes);
  const vat = parsePercent(f.vat);
  if (vat === undefined) errors.vat = m.percent;
  else input.vatRateBasisPoints = vat;
  const validFrom = f.validFrom === '' ? now : osloLocalToUtc(f.validFrom);
  if (!validFrom) errors.validFrom = m.dateTime;
  if (Object.keys(errors).length > 0 || !validFrom) return { ok: false, errors };

  const checked = validateTariff(input);
  if (!checked.ok) {
    for (const e of checked.error) {
      const name = e.field ? (FORM_FIELD[e.field] ?? 'perKwh') : 'perKwh';
      errors[name] ??= message(e, m);
    }
    return { ok: false, errors };
  }
  return { ok: true, tariff: checked.value, validFrom };
}
