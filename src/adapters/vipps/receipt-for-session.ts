import type { PricedLine } from '../../core/pricing.ts';
import { netPart, vatPart } from '../../core/vat.ts';
import type { ReceiptRequest } from '../../usecases/ports/payment-gateway.ts';
import type { OrderLine, Receipt } from './receipt.ts';

const NAMES: Record<PricedLine['kind'], string> = {
  energy: 'Energi',
  start_fee: 'Startavgift',
  time: 'Tidsavgift',
  idle: 'Tomgangsavgift',
};

// Quantity is a display string, ^\d+([.]\d{1,8})?$, at most 10 characters.
function decimal(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(/\.?0+$/, '') || '0';
}

function orderLine(l: PricedLine, stationName: string): OrderLine {
  const base = {
    id: l.kind,
    totalAmount: l.amountOre,
    totalAmountExcludingTax: l.netOre,
    totalTaxAmount: l.vatOre,
    taxRate: l.vatRateBasisPoints,
  };
  switch (l.kind) {
    case 'energy':
      return { ...base, name: `Lading ${stationName}`.slice(0, 100), unitInfo: { unitPrice: l.unitPriceOre, quantity: decimal(l.quantity / 1000, 3), quantityUnit: 'KWH' } };
    case 'time':
      return { ...base, name: `${NAMES.time} (timer)`, unitInfo: { unitPrice: l.unitPriceOre, quantity: decimal(l.quantity / 3600, 4), quantityUnit: 'PCS' } };
    case 'idle':
      return { ...base, name: NAMES.idle, unitInfo: { unitPrice: l.unitPriceOre, quantity: String(l.quantity), quantityUnit: 'MINUTE' } };
    case 'start_fee':
      return { ...base, name: NAMES.start_fee, unitInfo: { unitPrice: l.unitPriceOre, quantity: '1', quantityUnit: 'PCS' } };
  }
}

// The receipt's lines add up to exactly the captured amount. When the capture
// was capped at the maximum (a station that came back with more than the
// guard allowed), the difference is shown as a discount on the largest line.
export function receiptFor(req: ReceiptRequest): Receipt {
  const lines = req.lines.filter((l) => l.amountOre > 0 || l.kind === 'energy').map((l) => orderLine(l, req.stationName));
  let over = lines.reduce((sum, l) => sum + l.totalAmount, 0) - req.capturedOre;
  for (const line of [...lines].sort((a, b) => b.totalAmount - a.totalAmount)) {
    if (over <= 0) break;
    const cut = Math.min(over, line.totalAmount);
    line.discount = (line.discount ?? 0) + cut;
    line.totalAmount -= cut;
    line.totalTaxAmount = vatPart(line.totalAmount, line.taxRate);
    line.totalAmountExcludingTax = netPart(line.totalAmount, line.taxRate);
    over -= cut;
  }
  return { orderLines: lines, bottomLine: { currency: 'NOK', receiptNumber: req.reference } };
}
