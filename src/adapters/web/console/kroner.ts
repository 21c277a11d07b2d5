// Kroner as operators type and read them. Parsing works on the digits of the
// string, never through a float, so "4,99" is exactly 499 øre.

const NBSP = '\u00a0';

// "4,99", "4.99", "1 234,5", "12" → øre; undefined when it is not an amount
// of kroner with at most two decimals.
export function parseKroner(input: string): number | undefined {
  const cleaned = input.replace(/[\s\u00a0]/g, '').replace(/(kr|nok|,-)$/i, '');
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function hundredths(ore: number, group: boolean): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  const whole = String(Math.floor(abs / 100));
  const grouped = group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP) : whole;
  return `${sign}${grouped},${String(abs % 100).padStart(2, '0')}`;
}

// øre → "1 234,50 kr"
export function formatKroner(ore: number): string {
  return `${hundredths(ore, true)}${NBSP}kr`;
}

// øre → "1234,50": for form fields and the bookkeeping CSV (Norwegian Excel
// reads a decimal comma).
export function kronerDecimal(ore: number): string {
  return hundredths(ore, false);
}

// Wh → "12,345" kWh, exact.
export function kwhDecimal(wh: number): string {
  const sign = wh < 0 ? '-' : '';
  const abs = Math.abs(wh);
  return `${sign}${Math.floor(abs / 1000)},${String(abs % 1000).padStart(3, '0')}`;
}

// basis points → "25" (%), "12,5"
export function percentDecimal(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

// "25", "12,5", "12.50" → basis points; undefined otherwise.
export function parsePercent(input: string): number | undefined {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(input.replace(/[\s%]/g, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
