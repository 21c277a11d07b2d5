// The Vipps simulator's own request log (Fastify's, one JSON line per event)
// kept in memory: which requests the simulator has answered. A test waits on
// it for Ladepay to have asked Vipps something, e.g. before it checks that an
// input changed nothing. Give `stream` to the simulator's `logger` option.
export interface VippsRequestLog {
  stream: { write(line: string): void };
  // A position in the log: answered() can look only at requests after it.
  mark(): number;
  answered(method: string, path: string, since?: number): boolean;
}

interface LogLine {
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
}

export function recordVippsRequests(): VippsRequestLog {
  const started: Array<{ reqId: string; method: string; path: string }> = [];
  const done = new Set<string>();
  return {
    stream: {
      write(line) {
        const entry = JSON.parse(line) as LogLine;
        if (entry.reqId === undefined) return;
        if (entry.req) started.push({ reqId: entry.reqId, method: entry.req.method ?? '', path: (entry.req.url ?? '').split('?')[0] ?? '' });
        else if (entry.res) done.add(entry.reqId);
      },
    },
    mark: () => started.length,
    answered: (method, path, since = 0) => started.slice(since).some((r) => r.method === method && r.path === path && done.has(r.reqId)),
  };
}
