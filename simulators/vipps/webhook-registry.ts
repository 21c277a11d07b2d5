import { randomBytes, randomUUID } from 'node:crypto';
import type { SimClock } from './clock.ts';

export interface Registration {
  id: string;
  msn: string;
  url: string;
  events: string[];
  secret: string;
  createdAt: string;
}

export const EPAYMENT_EVENTS = [
  'epayments.payment.created.v1',
  'epayments.payment.aborted.v1',
  'epayments.payment.expired.v1',
  'epayments.payment.cancelled.v1',
  'epayments.payment.captured.v1',
  'epayments.payment.refunded.v1',
  'epayments.payment.authorized.v1',
  'epayments.payment.terminated.v1',
] as const;

/** Events the registration endpoint accepts; QR check-in is known but never sent by the simulator. */
export const KNOWN_EVENTS: ReadonlySet<string> = new Set<string>([...EPAYMENT_EVENTS, 'user.checked-in.v1']);

/** docs/vipps-contract.md §14: up to 25 registrations per event type per MSN for ePayment, 1 for QR check-in. */
export function registrationLimit(event: string): number {
  return event === 'user.checked-in.v1' ? 1 : 25;
}

export class WebhookRegistry {
  private readonly registrations = new Map<string, Registration>();

  constructor(private readonly clock: SimClock) {}

  /** The event types that are already at their limit for this MSN. */
  full(msn: string, events: readonly string[]): string[] {
    return events.filter((event) => this.list(msn).filter((r) => r.events.includes(event)).length >= registrationLimit(event));
  }

  register(msn: string, url: string, events: readonly string[]): Registration {
    const registration: Registration = {
      id: randomUUID(),
      msn,
      url,
      events: [...new Set(events)],
      // Looks like Vipps' secrets (base64 of 64 random bytes); signing uses its UTF-8 bytes as they are.
      secret: randomBytes(64).toString('base64'),
      createdAt: this.clock.now().toISOString(),
    };
    this.registrations.set(registration.id, registration);
    return registration;
  }

  list(msn: string): Registration[] {
    return [...this.registrations.values()].filter((r) => r.msn === msn);
  }

  get(id: string): Registration | undefined {
    return this.registrations.get(id);
  }

  delete(msn: string, id: string): boolean {
    const registration = this.registrations.get(id);
    if (!registration || registration.msn !== msn) return false;
    return this.registrations.delete(id);
  }

  subscribers(msn: string, event: string): Registration[] {
    return this.list(msn).filter((r) => r.events.includes(event));
  }
}
