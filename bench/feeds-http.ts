import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

// What a feed's reader does over HTTP: a GET timed from the request to the
// last byte of the answer, the bytes as they travelled (compressed when the
// server compressed them) and the body decoded. One keep-alive connection, as
// a partner's client pulling page after page holds one.

export interface TimedAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  ms: number;
  wireBytes: number;
  body: Buffer; // decoded
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

export function timedGet(url: string, headers: Record<string, string>): Promise<TimedAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { 'user-agent': 'ladepay-bench', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - started;
        const wire = Buffer.concat(chunks);
        const encoding = String(res.headers['content-encoding'] ?? 'identity');
        const body = encoding === 'gzip' ? gunzipSync(wire) : encoding === 'br' ? brotliDecompressSync(wire) : wire;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, ms, wireBytes: wire.length, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export interface OcpiPull {
  ms: number; // the first request to the last byte of the last page
  pages: number;
  slowestPageMs: number;
  wireBytes: number;
  bytes: number;
  objects: unknown[];
  total: number; // X-Total-Count of the first page
}

// OCPI 2.2.1 pagination as a partner follows it: the first page, then each
// Link rel="next" until a page has none. The token as OCPI 2.2.1 sends it
// (Base64 of its UTF-8), with the caller's routing headers.
export async function pullOcpi(firstUrl: string, token: string, encoding: string): Promise<OcpiPull> {
  const headers = {
    authorization: `Token ${Buffer.from(token, 'utf8').toString('base64')}`,
    'accept-encoding': encoding,
    'ocpi-from-country-code': 'NL',
    'ocpi-from-party-id': 'NDW',
  };
  const answers: TimedAnswer[] = [];
  const started = performance.now();
  for (let url: string | undefined = firstUrl; url !== undefined; ) {
    const answer = await timedGet(url, headers);
    if (answer.status !== 200) throw new Error(`${url}: HTTP ${answer.status} ${answer.body.toString('utf8').slice(0, 300)}`);
    answers.push(answer);
    url = nextLink(answer.headers.link);
    if (answers.length > 100_000) throw new Error('more than 100,000 pages: a Link loop?');
  }
  const ms = performance.now() - started;
  const objects: unknown[] = [];
  for (const a of answers) {
    const json = JSON.parse(a.body.toString('utf8')) as { status_code: number; data: unknown[] };
    if (json.status_code !== 1000) throw new Error(`OCPI status ${json.status_code}`);
    objects.push(...json.data);
  }
  return {
    ms,
    pages: answers.length,
    slowestPageMs: Math.max(...answers.map((a) => a.ms)),
    wireBytes: answers.reduce((s, a) => s + a.wireBytes, 0),
    bytes: answers.reduce((s, a) => s + a.body.length, 0),
    objects,
    total: Number(answers[0]?.headers['x-total-count'] ?? NaN),
  };
}

// RFC 8288: `<url>; rel="next"`.
function nextLink(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  return value && /<([^>]+)>\s*;\s*rel="?next"?/.exec(value)?.[1];
}
