import type { Kysely, Selectable } from 'kysely';
import type { PaymentEvent, PaymentEvents } from '../../usecases/ports/operator-station-logs.ts';
import type { Database, PaymentEventsTable } from './schema.ts';

function paymentEventOf(row: Selectable<PaymentEventsTable>): PaymentEvent {
  return {
    id: row.id,
    reference: row.reference,
    name: row.name,
    pspReference: row.psp_reference,
    amountOre: row.amount_ore,
    success: row.success === 1,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
  };
}

// Webhooks as they came, for the operator's timeline and audits; once each.
export class PaymentEventStore implements PaymentEvents {
  constructor(private readonly db: Kysely<Database>) {}

  async record(
    e: { reference: string; name: string; pspReference: string; amountOre: number; success: boolean; timestamp: string },
    receivedAt: Date,
  ): Promise<void> {
    await this.db
      .insertInto('payment_events')
      .values({
        reference: e.reference,
        name: e.name,
        psp_reference: e.pspReference,
        amount_ore: e.amountOre,
        success: e.success ? 1 : 0,
        occurred_at: e.timestamp,
        received_at: receivedAt.toISOString(),
      })
      .onConflict((oc) => oc.columns(['reference', 'name', 'psp_reference']).doNothing())
      .execute();
  }

  async forReference(reference: string): Promise<PaymentEvent[]> {
    const rows = await this.db.selectFrom('payment_events').selectAll().where('reference', '=', reference).orderBy('id').execute();
    return rows.map(paymentEventOf);
  }
}
