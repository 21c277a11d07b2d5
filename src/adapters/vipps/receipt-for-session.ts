import type { BillLine } from '../../core/bill.ts';
import type { ReceiptRequest } from '../../usecases/ports/payment-gateway.ts';
import type { OrderLine, Receipt } from './receipt.ts';

const NAMES: Record<Exclude<BillLine['kind'], 'energy'>, string> = {
  start_fee: 'Startavgift',
  time: 'Tidsavgift (timer)',
  idle: 'Tomgangsavgift',
  limited_to_maximum: 'Begrenset til maksbeløpet ditt',
  no_energy: 'Ingen energi levert',
  set_by_operator: 'Beløp fastsatt etter kontroll',
};

// Quantity is a display string, ^\d+([.]\d{1,8})?$, at most 10 characters.
function decimal(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(/\.?0+$/, '') || '0';
}

function quantity(l: BillLine): { quantity: string; quantityUnit: 'KWH' | 'PCS' | 'MINUTE' } {
  switch (l.kind) {
    case 'energy':
      return { quantity: decimal(l.quantity / 1000, 3), quantityUnit: 'KWH' };
    case 'time':
      return { quantity: decimal(l.quantity / 3600, 4), quantityUnit: 'PCS' };
    case 'idle':
      return { quantity: String(l.quantity), quantityUnit: 'MINUTE' };
    default:
      return { quantity: String(l.quantity), quantityUnit: 'PCS' };
  }
}

// One order line per line of the stored bill, in its order, nothing added or
// recomputed. Vipps takes no negative amounts: a line that takes something
// off (limited to the maximum) goes as its magnitude with isReturn, which
// Vipps counts negative (Order Management, OrderLine.isReturn).
function orderLine(l: BillLine, stationName: string): OrderLine {
  const takesOff = l.amountOre < 0;
  return {
    name: l.kind === 'energy' ? `Lading ${stationName}`.slice(0, 100) : NAMES[l.kind],
    id: l.kind,
    totalAmount: Math.abs(l.amountOre),
    totalAmountExcludingTax: Math.abs(l.netOre),
    totalTaxAmount: Math.abs(l.vatOre),
    taxRate: l.vatRateBasisPoints,
    unitInfo: { unitPrice: Math.abs(l.unitPriceOre), ...quantity(l) },
    ...(takesOff ? { isReturn: true } : {}),
  };
}

// The receipt of a settled session: its stored bill, whose lines add up to
// exactly the captured amount (the caller checks that before sending).
export function receiptFor(req: ReceiptRequest): Receipt {
  return { orderLines: req.bill.lines.map((l) => orderLine(l, req.stationName)), bottomLine: { currency: 'NOK', receiptNumber: req.reference } };
}
