import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type PostOutcome = { ok: true; status: number } | { ok: false; status?: number; error?: string };

/** One delivery attempt: any 2xx counts as delivered; non-2xx, network errors and timeouts do not (docs/vipps-contract.md §16). */
export function postWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = send(target, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        finish(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status });
      });
      res.on('error', (error) => finish({ ok: false, status: res.statusCode, error: error.message }));
    });
    const timer = setTimeout(() => {
      finish({ ok: false, error: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error) => finish({ ok: false, error: error.message }));
    req.end(body);
  });
}
