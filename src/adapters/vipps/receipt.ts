// Order Management Receipt (docs/vipps-contract.md §19), also accepted by
// ePayment create. All amounts are integer minor units. Vipps no longer checks
// that lines add up, so the caller must make the receipt total equal the
// captured amount.

export type QuantityUnit = 'PCS' | 'KG' | 'KM' | 'MINUTE' | 'LITRE' | 'KWH';

export interface UnitInfo {
  // Per unit, including tax, before discount.
  unitPrice: number;
  // A display string, `^\d+([.]\d{1,8})?$`, at most 10 chars: "23.412".
  quantity: string;
  quantityUnit?: QuantityUnit;
}

export interface OrderLine {
  name: string;
  id: string;
  totalAmount: number;
  totalAmountExcludingTax: number;
  totalTaxAmount: number;
  // Hundredths of a percent: 2500 = 25 %. (`taxPercentage` is deprecated since Aug 2024.)
  taxRate: number;
  unitInfo?: UnitInfo;
  discount?: number;
  productUrl?: string;
  isReturn?: boolean;
  isShipping?: boolean;
}

export interface BottomLine {
  currency: 'NOK' | 'DKK' | 'EUR';
  tipAmount?: number;
  posId?: string;
  receiptNumber?: string;
}

export interface Receipt {
  orderLines: OrderLine[];
  bottomLine: BottomLine;
}

export type OrderCategory = 'GENERAL' | 'RECEIPT' | 'ORDER_CONFIRMATION' | 'DELIVERY' | 'TICKET' | 'BOOKING';
