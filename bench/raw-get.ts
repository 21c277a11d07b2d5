import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headerBytes: number;
  bodyBytes: number; // as sent on the wire: compressed when the server compressed it
  contentEncoding: string;
  body: Buffer;
}

// A GET that does not decompress (fetch does, and hides the bytes that
// travelled), so the size is what a phone downloads.
export function rawGet(url: string, acceptEncoding: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': acceptEncoding, 'user-agent': 'ladepay-bench' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        // Status line + header lines as they came, CRLF-terminated, plus the blank line.
        let headerBytes = `HTTP/1.1 ${res.statusCode ?? 0} ${res.statusMessage ?? ''}\r\n`.length + 2;
        for (let i = 0; i < res.rawHeaders.length; i += 2) headerBytes += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`.length;
        resolve({
          status: res.statusCode ?? 0,
          headerBytes,
          bodyBytes: body.length,
          contentEncoding: String(res.headers['content-encoding'] ?? 'identity'),
          body,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

// The page and every resource it loads from its own origin (stylesheets,
// scripts, images), each fetched with the given Accept-Encoding.
export async function pageWeight(url: string, acceptEncoding: string): Promise<{ items: Array<{ url: string; encoding: string; bodyBytes: number; headerBytes: number }>; bodyBytes: number; totalBytes: number }> {
  const page = await rawGet(url, 'identity');
  const html = page.body.toString('utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<(?:link[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"/g)) {
    const ref = m[1] as string;
    if (ref.startsWith('data:') || /^https?:\/\//.test(ref)) continue;
    if (m[0].startsWith('<link') && !/rel="(stylesheet|preload|modulepreload)"/.test(m[0])) continue;
    refs.add(new URL(ref, url).toString());
  }
  const items = [];
  for (const u of [url, ...refs]) {
    const r = await rawGet(u, acceptEncoding);
    if (r.status !== 200) throw new Error(`${u}: HTTP ${r.status}`);
    items.push({ url: new URL(u).pathname, encoding: r.contentEncoding, bodyBytes: r.bodyBytes, headerBytes: r.headerBytes });
  }
  const bodyBytes = items.reduce((s, i) => s + i.bodyBytes, 0);
  return { items, bodyBytes, totalBytes: bodyBytes + items.reduce((s, i) => s + i.headerBytes, 0) };
}
