import type { BillLine } from '../../core/bill.ts';
import { receiptLineName, receiptQuantity } from '../../core/receipt-lines.ts';
import { STANDARD_VAT_RATE_BASIS_POINTS } from '../../core/vat.ts';
import type { ReceiptRequest } from '../../usecases/ports/payment-gateway.ts';
import type { SupportContact } from '../../usecases/ports/support-contact.ts';
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

// A Vipps receipt has no place for free text: its lines and a bottom line of
// currency, tip, POS id, payment sources, barcode and receipt number
// (https://developer.vippsmobilepay.com/docs/APIs/order-management-api/order-management-api-guide).
// So the operator's support contact goes as a line of nothing: 0 kr, at the
// bill's own VAT rate (no extra rate in the app's VAT summary), linking to the
// support page when there is one. The lines still add up to the capture.
function supportLine(support: SupportContact, vatRateBasisPoints: number): OrderLine {
  const reach = [support.phone, support.email].filter((part) => part !== undefined);
  const name = `Kundeservice: ${reach.length > 0 ? reach.join(', ') : (support.url ?? '')}`;
  return {
    // At most 100 characters, as every line's name (receipt-lines.ts).
    name: name.length <= 100 ? name : `${name.slice(0, 99)}…`,
    id: 'support',
    totalAmount: 0,
    totalAmountExcludingTax: 0,
    totalTaxAmount: 0,
    taxRate: vatRateBasisPoints,
    ...(support.url?.startsWith('https://') ? { productUrl: support.url } : {}),
  };
}

// The receipt of a settled session: its stored bill, whose lines add up to
// exactly the captured amount (the caller checks that before sending), and
// its number in the operator's series, as on the driver's page and PDF.
export function receiptFor(req: ReceiptRequest): Receipt {
  const lines = req.bill.lines.map((l) => orderLine(l, req.stationName));
  const rate = req.bill.lines[0]?.vatRateBasisPoints ?? STANDARD_VAT_RATE_BASIS_POINTS;
  return {
    orderLines: req.support ? [...lines, supportLine(req.support, rate)] : lines,
    bottomLine: { currency: 'NOK', receiptNumber: String(req.receiptNumber) },
  };
}
