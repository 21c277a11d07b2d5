import type { BillLine } from './bill.ts';

// How a line of the bill reads on a receipt: the Vipps receipt, the console's
// receipt and the bookkeeping CSV name and count each line the same way.

export type ReceiptUnit = 'KWH' | 'PCS' | 'MINUTE';

const NAMES: Record<Exclude<BillLine['kind'], 'energy'>, string> = {
  start_fee: 'Startavgift',
  time: 'Tidsavgift (timer)',
  idle: 'Tomgangsavgift',
  limited_to_maximum: 'Begrenset til maksbeløpet ditt',
  no_energy: 'Ingen energi levert',
  set_by_operator: 'Beløp fastsatt etter kontroll',
};

// At most 100 characters: what a receipt line in the Vipps app holds.
export function receiptLineName(l: BillLine, stationName: string): string {
  return l.kind === 'energy' ? `Lading ${stationName}`.slice(0, 100) : NAMES[l.kind];
}

// Quantity is a display string, ^\d+([.]\d{1,8})?$, at most 10 characters.
function decimal(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(/\.?0+$/, '') || '0';
}

// kWh to the Wh, hours to the second, idle in whole minutes, a fee as 1.
export function receiptQuantity(l: BillLine): { quantity: string; unit: ReceiptUnit } {
  switch (l.kind) {
    case 'energy':
      return { quantity: decimal(l.quantity / 1000, 3), unit: 'KWH' };
    case 'time':
      return { quantity: decimal(l.quantity / 3600, 4), unit: 'PCS' };
    case 'idle':
      return { quantity: String(l.quantity), unit: 'MINUTE' };
    default:
      return { quantity: String(l.quantity), unit: 'PCS' };
  }
}
