import { hasIdleFee, type Tariff } from '../tariff.ts';
import type { ScheduledTariff } from '../tariff-schedule.ts';
import type { OcpiDisplayText } from './ocpi-types.ts';

// OCPI 2.2.1 Tariff.tariff_alt_text "SHALL only contain additional tariff
// information in human-readable text, not the price information that is also
// available via the elements" (mod_tariffs). So it says what the elements
// cannot: how to pay, that the price at the start holds for the whole session
// (docs/pricing.md), and how the idle fee is counted and capped.

// 10000 øre: "100,00 kr" in bokmål, "NOK 100.00" in English.
function kroner(ore: number, lang: 'nb' | 'en'): string {
  const [whole, cents] = [Math.floor(ore / 100), String(ore % 100).padStart(2, '0')];
  return lang === 'nb' ? `${whole},${cents} kr` : `NOK ${whole}.${cents}`;
}

function idleTermsOf(s: ScheduledTariff): { grace: number; cap: number } | 'varies' | undefined {
  const all: Tariff[] = [s.base, ...s.periods.map((p) => ({ ...s.base, ...p.prices }))].filter(hasIdleFee);
  const [first] = all;
  if (first === undefined) return undefined;
  return all.every((t) => t.idleGraceMinutes === first.idleGraceMinutes && t.idleCapOre === first.idleCapOre) ? { grace: first.idleGraceMinutes, cap: first.idleCapOre } : 'varies';
}

export function tariffAltText(s: ScheduledTariff): OcpiDisplayText[] {
  const idle = idleTermsOf(s);
  const nb = ['Betal med Vipps: skann QR-koden på laderen.', 'Prisen når ladingen starter, gjelder hele økten.'];
  const en = ['Pay with Vipps: scan the QR code on the charger.', 'The price when charging starts applies to the whole session.'];
  if (idle === 'varies') {
    nb.push('Tilkoblingsgebyret etter ladingen telles fra ladingen stopper, etter en gratistid, og har et tak per økt: se laderens side.');
    en.push('The idle fee after charging counts from when charging stops, after a free period, and is capped per session: see the charger’s page.');
  } else if (idle) {
    nb.push(`Tilkoblingsgebyret etter ladingen telles fra ${idle.grace} min etter at ladingen stopper, og er høyst ${kroner(idle.cap, 'nb')} per økt.`);
    en.push(`The idle fee after charging counts from ${idle.grace} min after charging stops, and is at most ${kroner(idle.cap, 'en')} per session.`);
  }
  return [
    { language: 'nb', text: nb.join(' ') },
    { language: 'en', text: en.join(' ') },
  ];
}
