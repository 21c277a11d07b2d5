import type { FastifyRequest } from 'fastify';

// Capabilities that travel in URLs stay out of the logs: whoever holds a
// session's token can watch and stop that charge, so a log reader must not
// collect them. Connector codes (/c/<code>) are printed on public stickers and
// stay readable.
const CAPABILITY_PATHS: ReadonlyArray<[RegExp, string]> = [[/^\/s\/[^/?#.]+/, '/s/[token]']];

// Query parameters whose values are kept: filters and notices, never secrets.
// Every other value is replaced, whatever its name.
const PLAIN_QUERY = new Set(['notice', 'problem', 'refresh', 'next', 'state', 'stationId', 'from', 'to', 'reference', 'limit', 'connectors', 'perPage', 'lang', 'before', 'action', 'actor']);

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  let path = q === -1 ? url : url.slice(0, q);
  for (const [pattern, replacement] of CAPABILITY_PATHS) path = path.replace(pattern, replacement);
  if (q === -1) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      return eq === -1 || PLAIN_QUERY.has(decodeName(name)) ? pair : `${name}=[redacted]`;
    })
    .join('&');
  return `${path}?${query}`;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

// Fastify's request serializer, with the URL redacted. Headers are never
// logged (cookies, Authorization, the OCPP upgrade's Basic auth).
export function requestSerializer(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

// The last guard, on every serialized log line: a capability that reached a
// message or a field some other way (an error text with a URL, a header
// copied by mistake) is cut out before the line is written.
const LINE_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\/s\/[A-Za-z0-9_-]{8,128}/g, '/s/[token]'],
  [/\blp_[A-Za-z0-9_-]{16,}/g, 'lp_[redacted]'],
  [/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{6,}/gi, '$1 [redacted]'],
];

export function scrubLogLine(line: string): string {
  let out = line;
  for (const [pattern, replacement] of LINE_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
