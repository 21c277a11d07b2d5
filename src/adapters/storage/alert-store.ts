import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Alert } from '../../core/alerts/alert.ts';
import type { AlertChanges } from '../../core/alerts/evaluate-alerts.ts';
import { isAlertRule, type AlertEvent } from '../../core/vocabulary/alert-rules.ts';
import { ALERT_DELIVERY_KINDS, type AcknowledgeOutcome, type AlertBook, type AlertChannel, type AlertDeliveryPayload } from '../../usecases/ports/alerts.ts';
import type { Outbox } from './outbox.ts';
import type { AlertsTable, Database } from './schema.ts';

// A delivery gives up after about 40 minutes of backoff (outbox.ts); the
// webhook_failing rule shows it long before.
const DELIVERY_ATTEMPTS = 12;

export class AlertStore implements AlertBook {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly outbox: Outbox,
  ) {}

  async open(): Promise<Alert[]> {
    const rows = await this.db.selectFrom('alerts').selectAll().where('resolved_at', 'is', null).orderBy('opened_at', 'desc').execute();
    return rows.map(alertOf);
  }

  async resolved(limit: number): Promise<Alert[]> {
    const rows = await this.db.selectFrom('alerts').selectAll().where('resolved_at', 'is not', null).orderBy('resolved_at', 'desc').limit(limit).execute();
    return rows.map(alertOf);
  }

  async byId(id: string): Promise<Alert | undefined> {
    const row = await this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && alertOf(row);
  }

  async apply(changes: AlertChanges, channels: readonly AlertChannel[], now: Date): Promise<{ opened: Alert[]; resolved: Alert[] }> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const opened: Alert[] = [];
      const resolved: Alert[] = [];
      for (const c of changes.open) {
        const row = await trx
          .insertInto('alerts')
          .values({ id: randomUUID(), key: c.key, open_key: c.key, rule: c.rule, subject: c.subject, summary: c.summary, detail: JSON.stringify(c.detail), opened_at: at })
          .onConflict((oc) => oc.column('open_key').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) continue; // open already, by another process
        opened.push(alertOf(row));
        await this.deliver(trx, row.id, 'opened', channels, now);
      }
      for (const a of changes.resolve) {
        const row = await trx
          .updateTable('alerts')
          .set({ resolved_at: at, open_key: null })
          .where('id', '=', a.id)
          .where('resolved_at', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (!row) continue;
        resolved.push(alertOf(row));
        await this.deliver(trx, row.id, 'resolved', channels, now);
      }
      return { opened, resolved };
    });
  }

  private async deliver(trx: Transaction<Database>, alertId: string, event: AlertEvent, channels: readonly AlertChannel[], now: Date): Promise<void> {
    for (const channel of channels) {
      const payload: AlertDeliveryPayload = { alertId, event };
      await this.outbox.enqueue(trx, { kind: ALERT_DELIVERY_KINDS[channel], key: `alert-${channel}-${alertId}-${event}`, payload, maxAttempts: DELIVERY_ATTEMPTS }, now);
    }
  }

  async acknowledge(id: string, by: string, now: Date): Promise<AcknowledgeOutcome> {
    const r = await this.db
      .updateTable('alerts')
      .set({ acknowledged_at: now.toISOString(), acknowledged_by: by })
      .where('id', '=', id)
      .where('resolved_at', 'is', null)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) return 'ok';
    const alert = await this.byId(id);
    return !alert ? 'not_found' : alert.resolvedAt ? 'resolved' : 'already';
  }

  async openCountsByRule(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('alerts')
      .select(['rule', (eb) => eb.fn.countAll<number>().as('n')])
      .where('resolved_at', 'is', null)
      .groupBy('rule')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.rule, Number(r.n)]));
  }
}

function alertOf(r: Selectable<AlertsTable>): Alert {
  if (!isAlertRule(r.rule)) throw new Error(`alert ${r.id} has an unknown rule ${r.rule}`);
  return {
    id: r.id,
    key: r.key,
    rule: r.rule,
    subject: r.subject,
    summary: r.summary,
    detail: JSON.parse(r.detail) as Alert['detail'],
    openedAt: r.opened_at,
    resolvedAt: r.resolved_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
  };
}
