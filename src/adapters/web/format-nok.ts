import { roundHalfUp } from '../../core/money.ts';

// Norwegian number formatting for the driver's pages and the console: decimal
// comma, a no-break space between thousands and before the unit, so
// "1 234,50 kr" never wraps between the number and "kr" on a narrow phone
// screen, and the minus sign (U+2212) of Norwegian typography. Live updates
// carry figures formatted here (driver/live-figures.ts): driver.js has no copy.

const NBSP = '\u00a0';
const MINUS = '\u2212';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

// A whole number of hundredths as "1 234,56".
function hundredths(value: number): string {
  const sign = value < 0 ? MINUS : '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${groupThousands(String(whole))},${cents}`;
}

// øre → "4,99 kr"
export function formatNok(ore: number): string {
  return `${hundredths(ore)}${NBSP}kr`;
}

// øre → "300 kr" for whole kroner (amount presets), otherwise as formatNok.
export function formatNokShort(ore: number): string {
  if (ore % 100 !== 0) return formatNok(ore);
  const sign = ore < 0 ? MINUS : '';
  return `${sign}${groupThousands(String(Math.abs(ore) / 100))}${NBSP}kr`;
}

// øre → "4,99 kr/kWh"
export function formatPricePerKwh(ore: number): string {
  return `${formatNok(ore)}/kWh`;
}

// øre → "4,99" for a form field: no unit, no grouping.
export function formatKronerInput(ore: number): string {
  return ore % 100 === 0 ? String(ore / 100) : hundredths(ore).replace(/\u00a0/g, '');
}

// Wh → "12,34 kWh" (rounded half up to 10 Wh)
export function formatKwh(wh: number): string {
  return `${hundredths(roundHalfUp(wh, 10))}${NBSP}kWh`;
}

// Wh → "16 kWh", rounded down: what an amount buys at the least, never more than it buys.
export function formatKwhWhole(wh: number): string {
  return `${groupThousands(String(Math.floor(Math.max(0, wh) / 1000)))}${NBSP}kWh`;
}

// W → "7,4 kW" (rounded half up to 100 W)
export function formatKw(w: number): string {
  const tenths = roundHalfUp(w, 100);
  const sign = tenths < 0 ? MINUS : '';
  const abs = Math.abs(tenths);
  return `${sign}${groupThousands(String(Math.floor(abs / 10)))},${abs % 10}${NBSP}kW`;
}

// W → "50 kW" for a rated power in whole kW, otherwise as formatKw.
export function formatKwRated(w: number): string {
  return w % 1000 === 0 ? `${groupThousands(String(w / 1000))}${NBSP}kW` : formatKw(w);
}

// basis points → "25 %"
export function formatPercentBasisPoints(bp: number): string {
  const whole = bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2).replace(/0+$/, '').replace('.', ',');
  return `${whole}${NBSP}%`;
}

// "250", "250,50", "250.5", "1 250 kr" → øre; undefined when it is not an amount of kroner.
export function parseKroner(input: string): number | undefined {
  const cleaned = input.replace(/[\s\u00a0]/g, '').replace(/(kr|nok|,-)$/i, '');
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  const kroner = Number(match[1]);
  const ore = Number((match[2] ?? '0').padEnd(2, '0'));
  return kroner * 100 + ore;
}
