import type { Ore } from './money.ts';
import type { PricedLineKind, PricedSession } from './pricing.ts';
import { STANDARD_VAT_RATE_BASIS_POINTS, vatPart } from './vat.ts';

// The bill of a settled session: the one money truth. It is made once, in the
// core, when the session is settled, and stored with it; the driver's page,
// the console, the CSV, the API and the Vipps receipt all show these lines and
// nothing else. Its lines add up exactly to what is captured, and net + VAT =
// amount on every line (docs/pricing.md, "The bill").

export type AdjustmentKind =
  | 'limited_to_maximum' // the price passed the reserved maximum: the difference is taken off
  | 'no_energy' // no energy was delivered: nothing is charged, whatever fixed fees the tariff has
  | 'set_by_operator'; // the price could not be made; an operator set the amount after review

export type BillLineKind = PricedLineKind | AdjustmentKind;

export interface BillLine {
  readonly kind: BillLineKind;
  /** Wh for energy, seconds for time, billed minutes for idle, 1 for a fee or an adjustment. */
  readonly quantity: number;
  readonly unitPriceOre: Ore;
  /** VAT included; negative for an adjustment that takes something off. */
  readonly amountOre: Ore;
  readonly vatOre: Ore;
  readonly netOre: Ore;
  readonly vatRateBasisPoints: number;
}

export interface Bill {
  readonly lines: readonly BillLine[];
  /** The sum of the lines' amounts: exactly what is captured. */
  readonly totalOre: Ore;
  readonly vatOre: Ore;
  readonly netOre: Ore;
}

export const ADJUSTMENT_KINDS: readonly AdjustmentKind[] = ['limited_to_maximum', 'no_energy', 'set_by_operator'];

export function isAdjustment(kind: BillLineKind): kind is AdjustmentKind {
  return (ADJUSTMENT_KINDS as readonly string[]).includes(kind);
}

/**
 * The bill for a priced session. When nothing was delivered the whole price is
 * taken off (the reservation is released in full); when the price passes the
 * authorized maximum, the excess is taken off in one line "limited to your
 * maximum", with its own VAT at the tariff's rate. Either way the lines still
 * show what the tariff priced, and they add up to the capture.
 */
export function billFor(priced: PricedSession, o: { authorizedOre: Ore; delivered: boolean }): { bill: Bill; flags: string[] } {
  const rate = priced.lines[0]?.vatRateBasisPoints ?? STANDARD_VAT_RATE_BASIS_POINTS;
  if (!o.delivered) {
    const lines = priced.totalOre > 0 ? [...priced.lines, adjustmentLine('no_energy', -priced.totalOre, rate)] : priced.lines;
    return { bill: billOf(lines), flags: ['no_energy'] };
  }
  const over = priced.totalOre - Math.max(0, o.authorizedOre);
  if (over > 0) return { bill: billOf([...priced.lines, adjustmentLine('limited_to_maximum', -over, rate)]), flags: ['capped_at_maximum'] };
  return { bill: billOf(priced.lines), flags: [] };
}

/** An operator's decision on a session that could not be priced: one line, or none for a full release. */
export function operatorBill(amountOre: Ore, vatRateBasisPoints: number): Bill {
  return billOf(amountOre > 0 ? [adjustmentLine('set_by_operator', amountOre, vatRateBasisPoints)] : []);
}

export function adjustmentLine(kind: AdjustmentKind, amountOre: Ore, vatRateBasisPoints: number): BillLine {
  const vatOre = vatPart(amountOre, vatRateBasisPoints);
  return { kind, quantity: 1, unitPriceOre: amountOre, amountOre, vatOre, netOre: amountOre - vatOre, vatRateBasisPoints };
}

export function billOf(lines: readonly BillLine[]): Bill {
  let totalOre = 0;
  let vatOre = 0;
  for (const l of lines) {
    totalOre += l.amountOre;
    vatOre += l.vatOre;
  }
  return { lines: [...lines], totalOre, vatOre, netOre: totalOre - vatOre };
}
