import { booleanAt, integerAt, isRecord, stringAt } from './json-fields.ts';
import type { BottomLine, OrderLine, QuantityUnit, Receipt, UnitInfo } from './receipt.ts';

const UNITS: readonly QuantityUnit[] = ['PCS', 'KG', 'KM', 'MINUTE', 'LITRE', 'KWH'];
const CURRENCIES: readonly BottomLine['currency'][] = ['NOK', 'DKK', 'EUR'];

function readUnitInfo(value: unknown): UnitInfo | undefined {
  if (!isRecord(value)) return undefined;
  const unitPrice = integerAt(value, 'unitPrice');
  const quantity = stringAt(value, 'quantity');
  if (unitPrice === undefined || quantity === undefined) return undefined;
  const unit = UNITS.find((u) => u === value['quantityUnit']);
  return unit !== undefined ? { unitPrice, quantity, quantityUnit: unit } : { unitPrice, quantity };
}

function readOrderLine(value: unknown): OrderLine | undefined {
  if (!isRecord(value)) return undefined;
  const name = stringAt(value, 'name');
  const id = stringAt(value, 'id');
  const totalAmount = integerAt(value, 'totalAmount');
  const totalAmountExcludingTax = integerAt(value, 'totalAmountExcludingTax');
  const totalTaxAmount = integerAt(value, 'totalTaxAmount');
  // Receipts written by others may still use the deprecated whole-percent field.
  const percentage = integerAt(value, 'taxPercentage');
  const taxRate = integerAt(value, 'taxRate') ?? (percentage !== undefined ? percentage * 100 : undefined);
  if (name === undefined || id === undefined || totalAmount === undefined || totalAmountExcludingTax === undefined) return undefined;
  if (totalTaxAmount === undefined || taxRate === undefined) return undefined;
  const line: OrderLine = { name, id, totalAmount, totalAmountExcludingTax, totalTaxAmount, taxRate };
  const unitInfo = readUnitInfo(value['unitInfo']);
  if (unitInfo) line.unitInfo = unitInfo;
  const discount = integerAt(value, 'discount');
  if (discount !== undefined) line.discount = discount;
  const productUrl = stringAt(value, 'productUrl');
  if (productUrl !== undefined) line.productUrl = productUrl;
  const isReturn = booleanAt(value, 'isReturn');
  if (isReturn !== undefined) line.isReturn = isReturn;
  const isShipping = booleanAt(value, 'isShipping');
  if (isShipping !== undefined) line.isShipping = isShipping;
  return line;
}

function readBottomLine(value: unknown): BottomLine | undefined {
  if (!isRecord(value)) return undefined;
  const currency = CURRENCIES.find((c) => c === value['currency']);
  if (currency === undefined) return undefined;
  const bottomLine: BottomLine = { currency };
  const tipAmount = integerAt(value, 'tipAmount');
  if (tipAmount !== undefined) bottomLine.tipAmount = tipAmount;
  const posId = stringAt(value, 'posId');
  if (posId !== undefined) bottomLine.posId = posId;
  const receiptNumber = stringAt(value, 'receiptNumber');
  if (receiptNumber !== undefined) bottomLine.receiptNumber = receiptNumber;
  return bottomLine;
}

export function readReceipt(value: unknown): Receipt | undefined {
  if (!isRecord(value) || !Array.isArray(value['orderLines'])) return undefined;
  const orderLines = value['orderLines'].map(readOrderLine);
  const bottomLine = readBottomLine(value['bottomLine']);
  if (bottomLine === undefined || !orderLines.every((line): line is OrderLine => line !== undefined)) return undefined;
  return { orderLines, bottomLine };
}
