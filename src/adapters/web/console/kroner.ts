// Figures as operators type them into forms and read them in the bookkeeping
// CSV: no unit, no grouping. Amounts for reading are formatNok's
// (../format-nok.ts). The minus here is the ASCII hyphen on purpose: a
// spreadsheet reads "-12,50" as a number, "−12,50" (U+2212) as text.

// øre → "1234,50": for form fields and the bookkeeping CSV (Norwegian Excel
// reads a decimal comma).
export function kronerDecimal(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
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
