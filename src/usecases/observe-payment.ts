import type { PaymentGateway } from './ports/payment-gateway.ts';
import type { PspReferences } from './ports/psp-references.ts';
import type { SessionRepository } from './ports/session-repository.ts';
import type { SessionEngine } from './session-engine.ts';

export interface ObservePaymentDeps {
  repo: SessionRepository;
  engine: SessionEngine;
  gateway: PaymentGateway;
  pspReferences: PspReferences;
}

// A webhook, a poll or the driver's return all mean the same: "look at the
// payment". Invariant 1: only a GET to Vipps decides; the hint itself never
// moves a session.
export async function observePayment(d: ObservePaymentDeps, reference: string): Promise<void> {
  const stored = await d.repo.byReference(reference);
  if (!stored || stored.session.state !== 'awaiting_payment') return;
  const status = await d.gateway.status(reference);
  if (!status.ok) return; // the next poll tries again
  // Kept for the books (the CSV's PSP reference); the session itself is moved by the engine alone.
  if (status.value.pspReference) await d.pspReferences.record(reference, status.value.pspReference);
  await d.engine.apply(
    stored.session.id,
    { type: 'payment_confirmed', state: status.value.state, authorizedOre: status.value.authorizedOre },
    'vipps',
  );
}
