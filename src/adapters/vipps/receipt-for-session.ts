import type { BillLine } from '../../core/bill.ts';
import { receiptLineName, receiptQuantity } from '../../core/receipt-lines.ts';
import type { ReceiptRequest } from '../../usecases/ports/payment-gateway.ts';
import type { OrderLine, Receipt } from './receipt.ts';

// One order line per line of the stored bill, in its order, nothing added or
// recomputed. Vipps takes no negative amounts: a line that takes something
// off (limited to the maximum) goes as its magnitude with isReturn, which
// Vipps counts negative (Order Management, OrderLine.isReturn).
function orderLine(l: BillLine, stationName: string): OrderLine {
  const takesOff = l.amountOre < 0;
  const { quantity, unit } = receiptQuantity(l);
  return {
    name: receiptLineName(l, stationName),
    id: l.kind,
    totalAmount: Math.abs(l.amountOre),
    totalAmountExcludingTax: Math.abs(l.netOre),
    totalTaxAmount: Math.abs(l.vatOre),
    taxRate: l.vatRateBasisPoints,
    unitInfo: { unitPrice: Math.abs(l.unitPriceOre), quantity, quantityUnit: unit },
    ...(takesOff ? { isReturn: true } : {}),
  };
}

// The receipt of a settled session: its stored bill, whose lines add up to
// exactly the captured amount (the caller checks that before sending).
export function receiptFor(req: ReceiptRequest): Receipt {
  return { orderLines: req.bill.lines.map((l) => orderLine(l, req.stationName)), bottomLine: { currency: 'NOK', receiptNumber: req.reference } };
}
