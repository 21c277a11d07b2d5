import { roundHalfUp, type Ore, type Wh } from './money.ts';
import type { Tariff } from './tariff.ts';

// What a charger's own screen is told about the price (docs/price-display.md):
// short texts in bokmål and English made from the tariff the landing page
// shows, and the numbers the protocols carry in kroner. Prices include VAT, as
// every price Ladepay shows. Plain spaces only: a station's screen may not
// know a no-break space.

export const DISPLAY_LANGUAGES = ['nb', 'en'] as const;
export type DisplayLanguage = (typeof DISPLAY_LANGUAGES)[number];
export type Texts = Readonly<Record<DisplayLanguage, string>>;

// The decimals a 1.6 station takes when it does not say (NumberOfDecimalsForCostValues).
export const DEFAULT_COST_DECIMALS = 2;
const MOST_DECIMALS = 6;

function grouped(whole: number, separator: string): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

// øre → "1 234,50" (nb) or "1,234.50" (en).
function amount(ore: Ore, lang: DisplayLanguage): string {
  const abs = Math.abs(ore);
  const sign = ore < 0 ? '-' : '';
  const cents = String(abs % 100).padStart(2, '0');
  return lang === 'nb' ? `${sign}${grouped(Math.floor(abs / 100), ' ')},${cents}` : `${sign}${grouped(Math.floor(abs / 100), ',')}.${cents}`;
}

// øre → "5,00 kr" (nb) or "NOK 5.00" (en).
export function formatMoney(ore: Ore, lang: DisplayLanguage): string {
  return lang === 'nb' ? `${amount(ore, lang)} kr` : `NOK ${amount(ore, lang)}`;
}

// Wh → "6,62 kWh" (nb) or "6.62 kWh" (en), rounded half up to 10 Wh.
export function formatEnergy(wh: Wh, lang: DisplayLanguage): string {
  return `${amount(roundHalfUp(wh, 10), lang)} kWh`;
}

// øre → kroner with at most `decimals` decimals, rounded half up: what a
// cost or price field of the protocols carries (OCPP 1.6 California Pricing
// NumberOfDecimalsForCostValues; 2.0.1 CostUpdated totalCost).
export function kroner(ore: Ore, decimals: number = DEFAULT_COST_DECIMALS): number {
  const d = Number.isSafeInteger(decimals) ? Math.min(Math.max(decimals, 0), MOST_DECIMALS) : DEFAULT_COST_DECIMALS;
  if (d >= 2) return ore / 100;
  const step = 10 ** (2 - d);
  return (roundHalfUp(ore, step) * step) / 100;
}

// Every component of a tariff that costs something, energy first:
// "5,00 kr/kWh · start 10,00 kr · 60,00 kr/t · opptak 1,00 kr/min etter 30 min".
export function tariffTexts(t: Tariff): Texts {
  const text = (lang: DisplayLanguage) => {
    const m = (ore: Ore) => formatMoney(ore, lang);
    const parts = [`${m(t.perKwhOre)}/kWh`];
    if (t.startFeeOre > 0) parts.push(lang === 'nb' ? `start ${m(t.startFeeOre)}` : `start fee ${m(t.startFeeOre)}`);
    if (t.perHourOre > 0) parts.push(lang === 'nb' ? `${m(t.perHourOre)}/t` : `${m(t.perHourOre)}/h`);
    if (t.idlePerMinuteOre > 0 && t.idleCapOre > 0) {
      parts.push(
        lang === 'nb'
          ? `ventegebyr ${m(t.idlePerMinuteOre)}/min etter ${t.idleGraceMinutes} min`
          : `idle fee ${m(t.idlePerMinuteOre)}/min after ${t.idleGraceMinutes} min`,
      );
    }
    return parts.join(' · ');
  };
  return { nb: text('nb'), en: text('en') };
}

export interface ChargingPrice {
  kWhPrice: number;
  hourPrice: number;
  flatFee: number;
}

// The tariff as California Pricing's chargingPrice, in kroner.
export function chargingPrice(t: Tariff, decimals?: number): ChargingPrice {
  return { kWhPrice: kroner(t.perKwhOre, decimals), hourPrice: kroner(t.perHourOre, decimals), flatFee: kroner(t.startFeeOre, decimals) };
}

export interface IdlePrice {
  graceMinutes: number;
  hourPrice: number;
}

// The idle fee as California Pricing's idlePrice (per hour); none without one.
export function idlePrice(t: Tariff, decimals?: number): IdlePrice | undefined {
  if (t.idlePerMinuteOre <= 0 || t.idleCapOre <= 0) return undefined;
  return { graceMinutes: t.idleGraceMinutes, hourPrice: kroner(t.idlePerMinuteOre * 60, decimals) };
}

export interface DefaultPrice {
  tariff: Tariff;
  priceText: Texts;
  offlineText: Texts;
}

// What the screen shows before anyone pays: the price of the station's
// connectors now. Connectors priced differently: the lowest energy price, as
// "from"; the landing page of each has its own.
export function defaultPrice(tariffs: readonly Tariff[]): DefaultPrice | undefined {
  const cheapest = [...tariffs].sort((a, b) => a.perKwhOre - b.perKwhOre)[0];
  if (!cheapest) return undefined;
  const same = tariffs.every((t) => JSON.stringify(tariffTexts(t)) === JSON.stringify(tariffTexts(cheapest)));
  const price = tariffTexts(cheapest);
  return {
    tariff: cheapest,
    priceText: {
      nb: `Skann QR-koden og betal med Vipps. ${same ? '' : 'Fra '}${price.nb}`,
      en: `Scan the QR code and pay with Vipps. ${same ? '' : 'From '}${price.en}`,
    },
    offlineText: {
      nb: 'Laderen er uten nett: betaling er ikke mulig nå',
      en: 'The charger is offline: payment is not possible now',
    },
  };
}

// What the screen shows when a paid charge starts: the maximum reserved and
// the price it is charged at ("Maks 350,00 kr · 5,00 kr/kWh").
export function userPriceTexts(t: Tariff, maxAmountOre: Ore): Texts {
  const price = tariffTexts(t);
  return {
    nb: `Maks ${formatMoney(maxAmountOre, 'nb')} · ${price.nb}`,
    en: `Max ${formatMoney(maxAmountOre, 'en')} · ${price.en}`,
  };
}

// Beside the one-time Vipps QR on the screen: what to do, what is reserved,
// the price, and where the terms are (docs/display-payment.md).
export function payOnScreenTexts(t: Tariff, maxAmountOre: Ore, termsUrl: string): Texts {
  const price = tariffTexts(t);
  return {
    nb: `Skann QR-koden med kameraet og betal med Vipps. Maks ${formatMoney(maxAmountOre, 'nb')} · ${price.nb}. Vilkår: ${termsUrl}`,
    en: `Scan the QR code with your camera and pay with Vipps. Max ${formatMoney(maxAmountOre, 'en')} · ${price.en}. Terms: ${termsUrl}`,
  };
}

// What the screen shows when the charge is settled: what it cost and the
// energy, and where the receipt is.
export function finalCostTexts(totalOre: Ore, energyWh: Wh): Texts {
  return {
    nb: `Totalt ${formatMoney(totalOre, 'nb')} for ${formatEnergy(energyWh, 'nb')}. Kvittering: skann QR-koden`,
    en: `Total ${formatMoney(totalOre, 'en')} for ${formatEnergy(energyWh, 'en')}. Receipt: scan the QR code`,
  };
}

// The driver's own language first, then the others: the order a station is given them in.
export function languagesFor(first: DisplayLanguage | undefined): DisplayLanguage[] {
  const lead = first ?? 'nb';
  return [lead, ...DISPLAY_LANGUAGES.filter((l) => l !== lead)];
}
