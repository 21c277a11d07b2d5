import type { AuditEntry } from '../../../usecases/ports/operator-audit.ts';
import type { OutboxForSession } from '../../../usecases/ports/operator-session-queries.ts';
import type { OcppFrame, PaymentEvent } from '../../../usecases/ports/operator-station-logs.ts';
import type { StoredEvent } from '../../../usecases/ports/session-repository.ts';
import { formatOslo, formatOsloClock } from './oslo-time.ts';

export interface TimelineEntry {
  at: string;
  source: string;
  title: string;
  detail?: string;
  tone?: 'bad' | 'warn';
  // A raw payload, shown folded.
  fold?: boolean;
}

// What the timeline reads of a frame and of a webhook.
export type OcppRow = Pick<OcppFrame, 'at' | 'direction' | 'kind' | 'action' | 'payload'>;
export type PaymentEventRow = Pick<PaymentEvent, 'name' | 'amountOre' | 'success' | 'occurredAt' | 'receivedAt' | 'pspReference'>;

function clip(text: string, max = 600): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// Frames that would drown the rest: periodic reports and empty answers.
const ROUTINE = new Set(['MeterValues', 'Heartbeat', 'StatusNotification']);

// OCPP frames in time order, with each run of routine frames folded into one
// entry (how many, from when, the last payload) and empty answers left out.
function ocppEntries(rows: readonly OcppRow[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  let run: { action: string; first: OcppRow; last: OcppRow; count: number } | undefined;
  const flush = () => {
    if (!run) return;
    const { action, first, last, count } = run;
    out.push({ at: first.at, source: 'ocpp', title: count === 1 ? `station → ${action}` : `station → ${action} ×${count} until ${formatOsloClock(last.at)}`, detail: clip(last.payload), fold: true });
    run = undefined;
  };
  for (const o of [...rows].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    const action = o.action ?? '';
    if (o.kind === 'result' && (ROUTINE.has(action) || o.payload === '{}')) continue;
    if (o.kind === 'call' && o.direction === 'in' && ROUTINE.has(action)) {
      if (run?.action === action) {
        run.last = o;
        run.count += 1;
      } else {
        flush();
        run = { action, first: o, last: o, count: 1 };
      }
      continue;
    }
    flush();
    out.push({
      at: o.at,
      source: 'ocpp',
      title: `${o.direction === 'in' ? 'station →' : '→ station'} ${action} ${o.kind === 'call' ? '' : o.kind}`.trim(),
      detail: clip(o.payload),
      fold: true,
      ...(o.kind === 'error' ? { tone: 'bad' as const } : {}),
    });
  }
  flush();
  return out;
}

// The session's own history, a run of meter readings folded into one entry.
function sessionEntries(events: readonly StoredEvent[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  let run: { first: StoredEvent; last: StoredEvent; count: number } | undefined;
  const flush = () => {
    if (!run) return;
    const { first, last, count } = run;
    out.push({ at: first.at, source: first.source, title: count === 1 ? 'meter' : `meter ×${count} until ${formatOsloClock(last.at)}`, detail: clip(JSON.stringify(last.data)) });
    run = undefined;
  };
  for (const e of events) {
    if (e.type === 'meter') {
      if (run) {
        run.last = e;
        run.count += 1;
      } else run = { first: e, last: e, count: 1 };
      continue;
    }
    flush();
    out.push({ at: e.at, source: e.source, title: e.type.replace(/_/g, ' '), ...(Object.keys(e.data).length > 0 ? { detail: clip(JSON.stringify(e.data)) } : {}) });
  }
  flush();
  return out;
}

// Everything known about one session, merged by time: its own history, the
// station's OCPP frames while it ran, Vipps' webhooks, the side effects in
// the outbox (with their state, attempts and last error) and what operators did.
export function sessionTimeline(parts: {
  events: readonly StoredEvent[];
  ocpp: readonly OcppRow[];
  payments: readonly PaymentEventRow[];
  outbox: readonly OutboxForSession[];
  audit: readonly AuditEntry[];
}): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...sessionEntries(parts.events),
    ...ocppEntries(parts.ocpp),
    ...parts.payments.map((p) => ({
      at: p.receivedAt,
      source: 'vipps',
      title: `webhook ${p.name} ${p.success ? '' : '(failed)'}`.trim(),
      detail: `amount ${p.amountOre} øre, occurred ${formatOslo(p.occurredAt)}, pspReference ${p.pspReference}`,
    })),
    ...parts.outbox.map((o) => ({
      at: o.createdAt,
      source: 'outbox',
      title: `${o.kind.replace(/^session\./, '')}: ${o.state} after ${o.attempts}/${o.maxAttempts} attempts`,
      detail: `key ${o.key}, last change ${formatOslo(o.updatedAt)}${o.lastError ? `, last error: ${o.lastError}` : ''}`,
      ...(o.state === 'dead' ? { tone: 'bad' as const } : o.lastError ? { tone: 'warn' as const } : {}),
    })),
    ...parts.audit.map((a) => ({
      at: a.at,
      source: 'operator',
      title: `${a.action} by ${a.actor}: ${a.outcome}`,
      ...(Object.keys(a.detail).length > 0 ? { detail: clip(JSON.stringify(a.detail)) } : {}),
      ...(a.outcome !== 'ok' ? { tone: 'warn' as const } : {}),
    })),
  ];
  // A stable sort: entries at the same instant keep their source's own order.
  return entries.map((e, i) => ({ e, i })).sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i)).map(({ e }) => e);
}
