import { TERMINAL_STATES, stateIn } from '../../src/core/vocabulary/session-states.ts';
import { chaosCaptureOre } from '../chaos-tariff.ts';
import { fail, kr, pass, type Check } from './check.ts';
import { expectedEnergy } from './expected-bill.ts';
import { money } from './session-facts.ts';

// The money, from Vipps' books against the car's meter.

export const captureMatchesMeter: Check = {
  name: 'capture = price of the energy',
  what: 'captured = the tariff’s price of the energy the rules bill (to the øre, or within the bound where the station was silent or the stop never reached it), capped at the authorization',
  run(f) {
    const m = money(f);
    if (!m || m.authorized === 0) return undefined;
    const e = expectedEnergy(f);
    if (!e) {
      // Ladepay finished the session but left no trace of when it decided: this check must not go blind.
      const finished = f.ladepay && stateIn(TERMINAL_STATES, f.ladepay.state);
      return finished ? fail('cannot tell when Ladepay decided: no capture-/cancel- outbox item and no priced event') : undefined;
    }
    const within = (x: typeof e) => m.captured >= chaosCaptureOre(x.loWh, m.authorized) && m.captured <= chaosCaptureOre(x.hiWh, m.authorized);
    if (within(e) || (e.or && within(e.or))) return pass;
    const lo = chaosCaptureOre(e.loWh, m.authorized);
    const hi = chaosCaptureOre(e.hiWh, m.authorized);
    const range = lo === hi ? kr(lo) : `${kr(lo)} … ${kr(hi)}`;
    return fail(`captured ${kr(m.captured)}, the meter says ${range} (${e.loWh === e.hiWh ? `${e.loWh} Wh` : `${e.loWh}–${e.hiWh} Wh`}; ${e.rule})`);
  },
};

export const moneyAddsUp: Check = {
  name: 'captured + released = authorized',
  what: 'an approved payment ends fully captured or released (captured + cancelled = authorized), refunds within the capture; one never approved ends with nothing captured',
  run(f) {
    const m = money(f);
    const state = f.books?.payment.state;
    if (!m || !state) return undefined;
    if (state === 'CREATED') return fail('the payment is still waiting for approval at the end of the run');
    if (state !== 'AUTHORIZED') return m.captured === 0 ? pass : fail(`${state} with ${kr(m.captured)} captured`);
    if (m.captured + m.cancelled !== m.authorized) return fail(`authorized ${kr(m.authorized)}, captured ${kr(m.captured)} + released ${kr(m.cancelled)}`);
    if (m.refunded > m.captured) return fail(`refunded ${kr(m.refunded)} of ${kr(m.captured)} captured`);
    return pass;
  },
};

export const oneCapture: Check = {
  name: 'at most one capture',
  what: 'Vipps saw at most one successful capture for the payment',
  run(f) {
    if (!f.books) return undefined;
    const captures = f.books.events.filter((e) => e.name === 'CAPTURED' && e.success).length;
    return captures <= 1 ? pass : fail(`${captures} captures`);
  },
};

export const captureWithinMaximum: Check = {
  name: 'captured ≤ maximum',
  what: 'never more than the driver’s maximum, nor than was authorized',
  run(f) {
    const m = money(f);
    if (!m) return undefined;
    if (m.captured > f.truth.plan.maxAmountOre || m.captured > m.authorized) return fail(`captured ${kr(m.captured)}, maximum ${kr(f.truth.plan.maxAmountOre)}, authorized ${kr(m.authorized)}`);
    return pass;
  },
};

interface ReceiptLine {
  totalAmount: number;
  isReturn?: boolean;
  totalAmountExcludingTax: number;
  totalTaxAmount: number;
}

export const receiptMatchesCapture: Check = {
  name: 'receipt = capture',
  what: 'a capture has a receipt in Vipps whose lines add up to it, each line net + VAT = total; the driver’s final page shows the same capture and lines that add up to it',
  run(f) {
    const m = money(f);
    if (!m || m.captured === 0) return undefined;
    const receipt = f.order?.receipt as { orderLines?: ReceiptLine[] } | undefined;
    if (!receipt?.orderLines) return fail(`no receipt for a capture of ${kr(m.captured)}`);
    // Vipps counts a line with isReturn negative (Order Management, OrderLine.isReturn).
    const sum = receipt.orderLines.reduce((s, l) => s + (l.isReturn ? -l.totalAmount : l.totalAmount), 0);
    if (sum !== m.captured) return fail(`receipt lines add up to ${kr(sum)}, captured ${kr(m.captured)}`);
    const off = receipt.orderLines.find((l) => l.totalAmountExcludingTax + l.totalTaxAmount !== l.totalAmount);
    if (off) return fail(`a receipt line's net + VAT is not its total: ${JSON.stringify(off)}`);
    const page = f.truth.driverFinal;
    if (page) {
      const lines = (page.lines ?? []).reduce((s, l) => s + l.amountOre, 0);
      if (page.capturedOre !== m.captured || lines !== m.captured) {
        return fail(`the driver's page shows captured ${kr(page.capturedOre ?? 0)} and lines of ${kr(lines)}, Vipps captured ${kr(m.captured)}`);
      }
    }
    return pass;
  },
};

export const refundOnce: Check = {
  name: 'a refund submitted twice is paid once',
  what: 'the operator’s refund, submitted twice with the same Idempotency-Key, moves the amount once',
  run(f) {
    const tries = f.truth.refunds;
    const m = money(f);
    if (tries.length === 0 || !m) return undefined;
    const intended = tries.reduce((s, r) => s + r.amountOre, 0);
    const answeredOk = tries.some((r) => r.statuses.includes(200));
    if (m.refunded > intended) return fail(`refunded ${kr(m.refunded)} for one refund of ${kr(intended)} (submitted ${tries[0]?.statuses.length} times: ${tries[0]?.statuses.join(', ')})`);
    if (answeredOk && m.refunded < intended) return fail(`the operator was told ${kr(intended)} was refunded; Vipps refunded ${kr(m.refunded)}`);
    return pass;
  },
};
