import { receiptQuantity } from '../../../core/receipt-lines.ts';
import type { IssuedReceipt } from '../../../usecases/ports/receipt-numbers.ts';
import type { PricedLineView, SessionView } from '../../../usecases/ports/driver-views.ts';
import type { SupportContact } from '../../../usecases/ports/support-contact.ts';
import { formatNok, formatPercentBasisPoints, formatPricePerKwh } from '../format-nok.ts';
import { formatOrgNumber } from '../org-number.ts';
import { formatDateTime } from './format-time.ts';
import type { Language } from './i18n/language.ts';
import type { Messages } from './i18n/messages.ts';

// What the receipt says, in the driver's language, once: the page and the PDF
// both lay out these texts and nothing else. A Norwegian sales document
// (bokføringsforskriften § 5-1-1): its number and date; the seller's name,
// organisation number with "MVA" and address; what was delivered, where and
// when (start and end, Oslo time); each line with quantity, unit price, VAT
// rate and amount; the totals with the VAT; and how it was paid: the method,
// what was charged and what was released of the reservation.

export interface ReceiptRow {
  label: string;
  value: string;
  code?: boolean; // copied and read out (the reference): never broken inside
}

export interface ReceiptLineText {
  name: string;
  quantity: string;
  unitPrice: string;
  vatRate: string;
  amount: string;
}

export interface ReceiptContent {
  title: string;
  heading: ReceiptRow[]; // number and date
  seller: ReceiptRow[];
  charging: ReceiptRow[];
  lines: ReceiptLineText[];
  totals: ReceiptRow[]; // net, VAT per rate, total (the last row)
  payment: ReceiptRow[];
  support: ReceiptRow[]; // empty when the operator has given none
}

type Final = NonNullable<SessionView['final']>;

// The same counts as the Vipps receipt (core/receipt-lines.ts), with a decimal comma.
function quantityText(t: Messages, line: PricedLineView): string {
  const { quantity } = receiptQuantity(line);
  const shown = quantity.replace('.', ',');
  switch (line.kind) {
    case 'energy':
      return `${shown}\u00a0kWh`;
    case 'time':
      return `${shown}\u00a0${t.hoursUnit}`;
    case 'idle':
      return `${shown}\u00a0min`;
    default:
      return shown;
  }
}

function unitPriceText(t: Messages, line: PricedLineView): string {
  switch (line.kind) {
    case 'energy':
      return formatPricePerKwh(line.unitPriceOre);
    case 'time':
      return `${formatNok(line.unitPriceOre)}/${t.hoursUnit}`;
    case 'idle':
      return `${formatNok(line.unitPriceOre)}/min`;
    default:
      return formatNok(line.unitPriceOre);
  }
}

// VAT per rate, so a receipt with mixed rates still adds up line by line.
export function vatByRate(final: Final, fallbackRate: number): Array<{ rate: number; vatOre: number }> {
  if (final.lines.length === 0) return [{ rate: fallbackRate, vatOre: final.vatOre }];
  const byRate = new Map<number, number>();
  for (const line of final.lines) byRate.set(line.vatRateBasisPoints, (byRate.get(line.vatRateBasisPoints) ?? 0) + line.vatOre);
  return [...byRate].map(([rate, vatOre]) => ({ rate, vatOre }));
}

export function supportRows(t: Messages, support: SupportContact | undefined): ReceiptRow[] {
  if (!support) return [];
  return [
    ...(support.phone ? [{ label: t.supportPhoneLabel, value: support.phone }] : []),
    ...(support.email ? [{ label: t.supportEmailLabel, value: support.email }] : []),
    ...(support.url ? [{ label: t.supportWebLabel, value: support.url }] : []),
  ];
}

export function receiptContent(
  t: Messages,
  language: Language,
  r: { view: SessionView; final: Final; issued: IssuedReceipt; support: SupportContact | undefined },
): ReceiptContent {
  const { view, final, issued } = r;
  const when = (iso: string) => formatDateTime(iso, language);
  const place = [view.siteName, view.siteAddress].filter((part) => part !== '').join(', ');
  return {
    title: t.receiptTitle(issued.number),
    heading: [
      { label: t.receiptNumberLabel, value: String(issued.number) },
      { label: t.dateLabel, value: when(issued.issuedAt) },
    ],
    seller: [
      { label: t.sellerLabel, value: view.seller.name },
      { label: t.orgNumberLabel, value: formatOrgNumber(view.seller.orgNumber) },
      { label: t.addressLabel, value: view.seller.address },
    ],
    charging: [
      { label: t.stationLabel, value: t.connectorOf(view.stationName, view.connectorNo) },
      ...(place !== '' ? [{ label: t.placeLabel, value: place }] : []),
      { label: t.startedLabel, value: when(view.chargingStartedAt ?? view.createdAt) },
      ...(view.endedAt ? [{ label: t.endedLabel, value: when(view.endedAt) }] : []),
    ],
    lines: final.lines.map((line) => ({
      name: t.receiptLine[line.kind],
      quantity: quantityText(t, line),
      unitPrice: unitPriceText(t, line),
      vatRate: formatPercentBasisPoints(line.vatRateBasisPoints),
      amount: formatNok(line.amountOre),
    })),
    totals: [
      { label: t.netLabel, value: formatNok(final.netOre) },
      ...vatByRate(final, view.tariff.vatRateBasisPoints).map((v) => ({ label: t.vatLabel(formatPercentBasisPoints(v.rate)), value: formatNok(v.vatOre) })),
      { label: t.totalLabel, value: formatNok(final.totalOre) },
    ],
    payment: [
      { label: t.paymentMethodLabel, value: t.paymentMethod[view.paymentMethod] },
      { label: t.reservedLabel, value: formatNok(view.maxAmountOre) },
      { label: t.capturedLabel, value: formatNok(final.capturedOre) },
      { label: t.releasedLabel, value: formatNok(final.releasedOre) },
      ...(final.refundedOre > 0 ? [{ label: t.refundedLabel, value: formatNok(final.refundedOre) }] : []),
      { label: t.referenceLabel, value: view.reference, code: true },
    ],
    support: supportRows(t, r.support),
  };
}
