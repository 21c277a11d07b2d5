// OCPI 2.2.1 pagination of a Sender's GET list (transport and format,
// pagination): `offset` (default 0), `limit` (the server may return fewer: it
// has a maximum of its own), `date_from` (inclusive) and `date_to`
// (exclusive) on `last_updated`. Pure: the HTTP answer's Link, X-Total-Count
// and X-Limit headers are made from the page by the routes.

export interface ListQuery {
  offset: number;
  limit: number; // as used: never above the maximum
  dateFrom: string | undefined; // as given, for the next page's link
  dateTo: string | undefined;
  from: number | undefined; // ms since the epoch
  to: number | undefined;
}

export interface Page<T> {
  items: T[];
  total: number; // matching the dates, before offset and limit
  offset: number;
  limit: number;
}

export type QueryRead = { ok: true; query: ListQuery } | { ok: false; problem: string };

// OCPI 2.2.1 DateTime: RFC 3339 in UTC, "the absence of the timezone
// designator implies a UTC timestamp", fractional seconds allowed; "+00:00 is
// not the same as UTC", so offsets are refused.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z?$/;

export function parseOcpiDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac] = m.map((v) => v ?? '');
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), frac ? Math.floor(Number(`0${frac}`) * 1000) : 0);
  const back = new Date(ms);
  // 2025-02-30 rolls over: not a date.
  if (back.getUTCDate() !== Number(d) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCHours() !== Number(h) || Number(s) > 59) return undefined;
  return ms;
}

const WHOLE = /^\d{1,9}$/;

export function readListQuery(q: Record<string, unknown>, maxLimit: number): QueryRead {
  const one = (name: string): string | undefined | null => {
    const v = q[name];
    if (v === undefined) return undefined;
    return typeof v === 'string' ? v : null; // given twice: not one value
  };
  const offset = one('offset');
  const limit = one('limit');
  const dateFrom = one('date_from');
  const dateTo = one('date_to');
  if (offset === null || (offset !== undefined && !WHOLE.test(offset))) return { ok: false, problem: 'offset: a whole number, 0 or more' };
  if (limit === null || (limit !== undefined && (!WHOLE.test(limit) || Number(limit) < 1))) return { ok: false, problem: 'limit: a whole number, 1 or more' };
  const from = dateFrom === undefined ? undefined : dateFrom === null ? null : parseOcpiDateTime(dateFrom);
  const to = dateTo === undefined ? undefined : dateTo === null ? null : parseOcpiDateTime(dateTo);
  if (from === null || (dateFrom !== undefined && from === undefined)) return { ok: false, problem: 'date_from: an OCPI DateTime in UTC, e.g. 2025-01-28T12:00:00Z' };
  if (to === null || (dateTo !== undefined && to === undefined)) return { ok: false, problem: 'date_to: an OCPI DateTime in UTC, e.g. 2025-01-29T12:00:00Z' };
  return {
    ok: true,
    query: {
      offset: offset === undefined ? 0 : Number(offset),
      limit: Math.min(limit === undefined ? maxLimit : Number(limit), maxLimit),
      dateFrom: dateFrom ?? undefined,
      dateTo: dateTo ?? undefined,
      from: from ?? undefined,
      to: to ?? undefined,
    },
  };
}

// Whether a last_updated is in [date_from, date_to).
export function inDates(lastUpdated: string, q: Pick<ListQuery, 'from' | 'to'>): boolean {
  const at = Date.parse(lastUpdated);
  return (q.from === undefined || at >= q.from) && (q.to === undefined || at < q.to);
}

// The objects whose last_updated is in [date_from, date_to), in the order
// given, then the page asked for.
export function pageOf<T extends { last_updated: string }>(all: readonly T[], q: ListQuery): Page<T> {
  const matching = all.filter((o) => inDates(o.last_updated, q));
  return { items: matching.slice(q.offset, q.offset + q.limit), total: matching.length, offset: q.offset, limit: q.limit };
}
