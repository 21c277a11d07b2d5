import { randomUUID } from 'node:crypto';
import type { OcpiPeer, OcpiRouting, PeerAnswer } from '../../../usecases/ocpi/ocpi-peer.ts';
import { tokenHeader } from './ocpi-token-header.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function routingHeaders(r: OcpiRouting | undefined): Record<string, string> {
  if (!r) return {};
  return {
    'ocpi-from-country-code': r.from.countryCode,
    'ocpi-from-party-id': r.from.partyId,
    'ocpi-to-country-code': r.to.countryCode,
    'ocpi-to-party-id': r.to.partyId,
  };
}

// A partner's OCPI interface over HTTP: the token Base64-encoded in
// `Authorization: Token …` as OCPI 2.2.1 says, a new X-Request-ID and
// X-Correlation-ID on every request, the routing headers when given, the
// envelope unwrapped. Whatever keeps an answer from being a success (no
// connection, a timeout, an HTTP error, no envelope, an OCPI status outside
// 1xxx) comes back as a problem in words.
export function ocpiHttpPeer(o: { timeoutMs: number; fetch?: typeof fetch } = { timeoutMs: 10_000 }): OcpiPeer {
  const send = o.fetch ?? fetch;
  return {
    async call(method, url, token, body, routing): Promise<PeerAnswer> {
      let res: Response;
      let text: string;
      try {
        res = await send(url, {
          method,
          headers: {
            authorization: tokenHeader(token),
            'x-request-id': randomUUID(),
            'x-correlation-id': randomUUID(),
            accept: 'application/json',
            ...routingHeaders(routing),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          redirect: 'error',
          signal: AbortSignal.timeout(o.timeoutMs),
        });
        // The body is read within the same time limit: a partner that sends its headers and then nothing is no answer.
        text = await res.text();
      } catch (e) {
        return { ok: false, problem: `no answer (${e instanceof Error ? e.message : String(e)})` };
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { ok: false, problem: `HTTP ${res.status} without an OCPI response`, httpStatus: res.status };
      }
      if (!isRecord(parsed) || typeof parsed.status_code !== 'number') return { ok: false, problem: `HTTP ${res.status} without an OCPI response`, httpStatus: res.status };
      const message = typeof parsed.status_message === 'string' ? `: ${parsed.status_message.slice(0, 200)}` : '';
      if (!res.ok || parsed.status_code < 1000 || parsed.status_code > 1999) {
        return { ok: false, problem: `HTTP ${res.status}, OCPI status ${parsed.status_code}${message}`, httpStatus: res.status, ocpiStatus: parsed.status_code };
      }
      return { ok: true, data: parsed.data };
    },
  };
}
