// `?since=` of the DATEX II feed: an RFC 3339 date-time with its offset
// ("2026-03-02T08:00:00Z", "2026-03-02T09:00:00.000+01:00"), as every time in
// the feed is written; a time without an offset would be read in the
// server's zone, so it is refused rather than guessed.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

export type SinceParam = { ok: true; since: string | undefined } | { ok: false; message: string };

/** The query's `since` as ISO 8601 UTC text (what the change times are compared with), or why not. */
export function readSince(value: unknown): SinceParam {
  if (value === undefined) return { ok: true, since: undefined };
  const text = Array.isArray(value) ? undefined : String(value);
  const ms = text !== undefined && RFC3339.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) {
    return { ok: false, message: 'since must be one date-time with its offset, as RFC 3339 writes it: 2026-03-02T08:00:00Z or 2026-03-02T09:00:00+01:00.' };
  }
  return { ok: true, since: new Date(ms).toISOString() };
}
