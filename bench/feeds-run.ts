import { writeFileSync } from 'node:fs';
import { pullOcpi, timedGet } from './feeds-http.ts';
import { readProcessUsage } from './process-usage.ts';

// One measurement of a feed read against a running Ladepay: wall time, what
// travelled, what the server spent (CPU from /proc) and the most memory it
// held meanwhile (VmHWM, reset before each read by writing 5 to
// /proc/<pid>/clear_refs, proc(5); where that is not allowed, the peak so far).

export interface FeedRead {
  ms: number;
  requests: number;
  slowestRequestMs: number;
  wireBytes: number;
  bytes: number;
  count: number; // objects (Locations, Tariffs) or refill points
  evses?: number;
  serverCpuSeconds: number;
  peakRssBytes: number;
  rssBeforeBytes: number;
  peakIsSinceStart: boolean;
}

// `changed`: the Locations whose last_updated is at or after `changedSince`, as a partner's next pull asks.
export type FeedKind = 'locations' | 'tariffs' | 'table' | 'status' | 'changed';

function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// The number of elements in every array held under `key`, anywhere in the document.
export function countUnder(json: unknown, key: string): number {
  if (Array.isArray(json)) return json.reduce((n: number, v) => n + countUnder(v, key), 0);
  if (json === null || typeof json !== 'object') return 0;
  let n = 0;
  for (const [k, v] of Object.entries(json)) n += (k === key && Array.isArray(v) ? v.length : 0) + countUnder(v, key);
  return n;
}

export async function measureRead(o: { kind: FeedKind; base: string; token: string; pid: number; encoding: string; client: number; changedSince: string }): Promise<FeedRead> {
  const before = readProcessUsage(o.pid);
  const reset = resetPeak(o.pid);
  let read: Omit<FeedRead, 'serverCpuSeconds' | 'peakRssBytes' | 'rssBeforeBytes' | 'peakIsSinceStart'>;
  if (o.kind === 'locations' || o.kind === 'tariffs' || o.kind === 'changed') {
    // A limit above the maximum: Ladepay lowers it to its largest page.
    const query = o.kind === 'changed' ? `locations?limit=1000&date_from=${o.changedSince}` : `${o.kind}?limit=1000`;
    const pull = await pullOcpi(`${o.base}/ocpi/2.2.1/${query}`, o.token, o.encoding);
    if (pull.objects.length !== pull.total) throw new Error(`${o.kind}: pulled ${pull.objects.length} objects, X-Total-Count said ${pull.total}`);
    const evses = o.kind !== 'tariffs' ? pull.objects.reduce((n: number, l) => n + ((l as { evses?: unknown[] }).evses?.length ?? 0), 0) : undefined;
    read = { ms: pull.ms, requests: pull.pages, slowestRequestMs: pull.slowestPageMs, wireBytes: pull.wireBytes, bytes: pull.bytes, count: pull.objects.length, ...(evses === undefined ? {} : { evses }) };
  } else {
    // Each read as from a reader of its own (X-Forwarded-For, which Ladepay trusts from the benchmark): the per-address limit is not what is measured.
    const answer = await timedGet(`${o.base}/datex2/v3/${o.kind}`, { 'accept-encoding': o.encoding, 'x-forwarded-for': `10.77.${o.client >> 8}.${o.client & 255}` });
    if (answer.status !== 200) throw new Error(`${o.kind}: HTTP ${answer.status} ${answer.body.toString('utf8').slice(0, 300)}`);
    const json: unknown = JSON.parse(answer.body.toString('utf8'));
    const count = countUnder(json, o.kind === 'table' ? 'refillPoint' : 'refillPointStatus');
    read = { ms: answer.ms, requests: 1, slowestRequestMs: answer.ms, wireBytes: answer.wireBytes, bytes: answer.body.length, count };
  }
  const after = readProcessUsage(o.pid);
  return { ...read, serverCpuSeconds: after.cpuSeconds - before.cpuSeconds, peakRssBytes: after.peakRssBytes, rssBeforeBytes: before.rssBytes, peakIsSinceStart: !reset };
}
