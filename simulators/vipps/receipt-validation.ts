import { isPlainObject } from './request-body.ts';
import type { Issues } from './field-checks.ts';

// Order Management Receipt (docs/vipps-contract.md §19, OM spec `Receipt`);
// also the `receipt` of an ePayment create. Vipps no longer checks sums or tax
// (since Aug 2022), only shapes and ranges.

const CURRENCIES = ['NOK', 'DKK', 'EUR'] as const;
const UNITS = ['PCS', 'KG', 'KM', 'MINUTE', 'LITRE', 'KWH'] as const;
const BARCODES = ['EAN-13', 'CODE 39', 'CODE 128'] as const;

function checkLine(issues: Issues, path: string, line: unknown): void {
  if (!isPlainObject(line)) {
    issues.add(path, 'Must be an object.');
    return;
  }
  issues.string(`${path}.name`, line['name'], { min: 1 });
  issues.string(`${path}.id`, line['id'], { min: 1 });
  // Negative line amounts are not allowed; returns use isReturn (docs/vipps-contract.md §19).
  for (const field of ['totalAmount', 'totalAmountExcludingTax', 'totalTaxAmount']) {
    issues.integer(`${path}.${field}`, line[field], { min: 0 });
  }
  const taxRate = line['taxRate'];
  const taxPercentage = line['taxPercentage'];
  if ((taxRate === undefined || taxRate === null) && (taxPercentage === undefined || taxPercentage === null)) {
    issues.add(`${path}.taxRate`, 'Either taxRate or taxPercentage must be set.');
  }
  if (taxRate !== undefined) issues.integer(`${path}.taxRate`, taxRate, { min: 0, max: 10000, nullable: true });
  if (taxPercentage !== undefined) issues.integer(`${path}.taxPercentage`, taxPercentage, { min: 0, max: 100, nullable: true });
  const unitInfo = line['unitInfo'];
  if (unitInfo !== undefined && unitInfo !== null) {
    if (!isPlainObject(unitInfo)) issues.add(`${path}.unitInfo`, 'Must be an object.');
    else {
      issues.integer(`${path}.unitInfo.unitPrice`, unitInfo['unitPrice'], { min: 0, nullable: true });
      issues.string(`${path}.unitInfo.quantity`, unitInfo['quantity'], { max: 10, pattern: /^\d+([.]\d{1,8})?$/ });
      if (unitInfo['quantityUnit'] !== undefined) issues.oneOf(`${path}.unitInfo.quantityUnit`, unitInfo['quantityUnit'], UNITS, { nullable: true });
    }
  }
  if (line['discount'] !== undefined) issues.integer(`${path}.discount`, line['discount'], { min: 0, nullable: true });
  if (line['productUrl'] !== undefined) issues.string(`${path}.productUrl`, line['productUrl'], { nullable: true });
  for (const flag of ['isReturn', 'isShipping']) {
    if (line[flag] !== undefined) issues.boolean(`${path}.${flag}`, line[flag], { nullable: true });
  }
}

function checkBottomLine(issues: Issues, path: string, bottom: unknown): void {
  if (!isPlainObject(bottom)) {
    issues.add(path, 'Is required and must be an object.');
    return;
  }
  issues.oneOf(`${path}.currency`, bottom['currency'], CURRENCIES);
  for (const field of ['tipAmount', 'giftCardAmount', 'totalTax', 'totalDiscount', 'shippingAmount']) {
    if (bottom[field] !== undefined) issues.integer(`${path}.${field}`, bottom[field], { min: 0, nullable: true });
  }
  if (bottom['totalAmount'] !== undefined) issues.integer(`${path}.totalAmount`, bottom['totalAmount'], { nullable: true });
  for (const field of ['posId', 'receiptNumber', 'terminalId']) {
    if (bottom[field] !== undefined) issues.string(`${path}.${field}`, bottom[field], { nullable: true });
  }
  const sources = bottom['paymentSources'];
  if (sources !== undefined && sources !== null) {
    if (!isPlainObject(sources)) issues.add(`${path}.paymentSources`, 'Must be an object.');
    else for (const [key, value] of Object.entries(sources)) issues.integer(`${path}.paymentSources.${key}`, value, { nullable: true });
  }
  const barcode = bottom['barcode'];
  if (barcode !== undefined && barcode !== null) {
    if (!isPlainObject(barcode)) issues.add(`${path}.barcode`, 'Must be an object.');
    else {
      issues.oneOf(`${path}.barcode.format`, barcode['format'], BARCODES);
      issues.string(`${path}.barcode.data`, barcode['data'], { min: 1 });
    }
  }
}

export function checkReceipt(issues: Issues, path: string, receipt: unknown): void {
  if (!isPlainObject(receipt)) {
    issues.add(path || 'body', 'Must be an object with orderLines and bottomLine.');
    return;
  }
  const prefix = path ? `${path}.` : '';
  const lines = receipt['orderLines'];
  if (!Array.isArray(lines) || lines.length === 0) issues.add(`${prefix}orderLines`, 'At least one order line is required.');
  else lines.forEach((line, index) => checkLine(issues, `${prefix}orderLines[${index}]`, line));
  checkBottomLine(issues, `${prefix}bottomLine`, receipt['bottomLine']);
}
