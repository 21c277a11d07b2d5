import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startReceiver, type Receiver } from './ocpi-receiver.ts';

// A test access point: another OCPI 2.2.1 platform (a national access point,
// NAP, Netherlands, party NDW) as a real HTTP server on loopback, written
// from the OCPI 2.2.1 text and sharing no code with Ladepay's OCPI module:
// its own envelope, its own token handling, its own handshake both ways.
//
// - Ladepay registers with it: it issues a Token A (`issueTokenA`), answers
//   its versions and details, and on Ladepay's POST of credentials reads
//   Ladepay's versions with Ladepay's token and answers with a new token.
// - It registers with Ladepay (`registerWith`): reads Ladepay's versions with
//   the Token A the operator made, POSTs its own credentials, keeps the token
//   Ladepay answers with; it can update them (PUT) and unregister (DELETE).
// - It pulls (`pull`): follows the Link header page by page.
// - It receives pushes (`receiver`, ocpi-receiver.ts): its version details
//   offer Locations and Tariffs as RECEIVER, and a hand-made partner can be
//   given a token of its own for them (`issueToken`).

export type VersionsBehaviour = 'normal' | 'only-2.1.1' | 'broken';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface OcpiAnswer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

export interface AccessPoint {
  // Its versions endpoint (what an operator is given).
  versionsUrl: string;
  base: string;
  received: Received[];
  // What its versions endpoint answers.
  versions: VersionsBehaviour;
  // The token it calls Ladepay with, once a handshake gave it one.
  ladepayToken: string | undefined;
  // The token Ladepay calls it with (the one it gave Ladepay).
  ownToken: string | undefined;
  // The credentials Ladepay gave it in the last handshake.
  ladepayCredentials: Record<string, unknown> | undefined;
  issueTokenA(): string;
  // A token it takes for everything, as an access point hands out for pushes to it.
  issueToken(): string;
  receiver: Receiver;
  registerWith(ladepayVersionsUrl: string, tokenA: string): Promise<OcpiAnswer>;
  updateCredentials(): Promise<OcpiAnswer>;
  unregister(): Promise<OcpiAnswer>;
  call(method: string, url: string, o?: { token?: string | null; plainToken?: boolean; body?: unknown }): Promise<OcpiAnswer>;
  pull(url: string): Promise<{ objects: unknown[]; pages: OcpiAnswer[] }>;
  stop(): Promise<void>;
}

const ROLE = { role: 'NAP', party_id: 'NDW', country_code: 'NL', business_details: { name: 'Test access point' } };

// Its own token: OCPI 2.2.1 "printable non-whitespace ASCII", at most 64.
const newToken = () => `ap-${randomBytes(24).toString('hex')}`;

function envelope(statusCode: number, message: string, data?: unknown) {
  return { ...(data === undefined ? {} : { data }), status_code: statusCode, status_message: message, timestamp: new Date().toISOString() };
}

// "Authorization: Token <base64 of the token>" (OCPI 2.2.1 authorization header).
function tokenOf(headers: IncomingHttpHeaders): string | undefined {
  const m = /^Token (\S+)$/.exec(headers.authorization ?? '');
  return m?.[1] ? Buffer.from(m[1], 'base64').toString('utf8') : undefined;
}

export async function startAccessPoint(o: { versions?: VersionsBehaviour } = {}): Promise<AccessPoint> {
  // The tokens it accepts: a Token A only until its handshake.
  const accepted = new Map<string, 'token_a' | 'full'>();
  const send = (res: ServerResponse, http: number, body: unknown) => res.writeHead(http, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  const call: AccessPoint['call'] = async (method, url, c = {}) => {
    const token = c.token === undefined ? ap.ladepayToken : c.token;
    const res = await fetch(url, {
      method,
      headers: {
        ...(token ? { authorization: `Token ${c.plainToken ? token : Buffer.from(token).toString('base64')}` } : {}),
        'x-request-id': randomUUID(),
        'x-correlation-id': randomUUID(),
        ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };

  // Reads the other side's versions and details with a token, as the spec's
  // registration has both sides do; the credentials endpoint's URL.
  const credentialsEndpoint = async (versionsUrl: string, token: string): Promise<string> => {
    const versions = await call('GET', versionsUrl, { token });
    const v221 = (versions.json.data as Array<{ version: string; url: string }>).find((v) => v.version === '2.2.1');
    if (!v221) throw new Error('no 2.2.1 offered');
    const details = await call('GET', v221.url, { token });
    const endpoints = (details.json.data as { endpoints: Array<{ identifier: string; url: string }> }).endpoints;
    const url = endpoints.find((e) => e.identifier === 'credentials')?.url;
    if (!url) throw new Error('no credentials endpoint');
    return url;
  };

  const ownCredentials = (token: string) => ({ token, url: ap.versionsUrl, roles: [ROLE] });

  const handle = async (r: Received, res: ServerResponse) => {
    const token = tokenOf(r.headers);
    const kind = token ? accepted.get(token) : undefined;
    if (!kind) return send(res, 401, envelope(2000, 'Unauthorized'));
    if (ap.receiver.handles(r.path) && kind === 'full') return ap.receiver.handle(r.method, r.path, r.headers, r.body, res);
    if (r.path === '/ocpi/versions') {
      if (ap.versions === 'broken') return send(res, 500, { error: 'down' });
      const list = ap.versions === 'only-2.1.1' ? [{ version: '2.1.1', url: `${ap.base}/ocpi/2.1.1` }] : [{ version: '2.2.1', url: `${ap.base}/ocpi/2.2.1` }];
      return send(res, 200, envelope(1000, 'Success', list));
    }
    if (r.path === '/ocpi/2.2.1' && r.method === 'GET') {
      const endpoints = [
        { identifier: 'credentials', role: 'RECEIVER', url: `${ap.base}/ocpi/2.2.1/credentials` },
        { identifier: 'locations', role: 'RECEIVER', url: `${ap.base}/ocpi/2.2.1/locations` },
        { identifier: 'tariffs', role: 'RECEIVER', url: `${ap.base}/ocpi/2.2.1/tariffs` },
      ];
      return send(res, 200, envelope(1000, 'Success', { version: '2.2.1', endpoints }));
    }
    if (r.path === '/ocpi/2.2.1/credentials' && r.method === 'POST') {
      if (kind !== 'token_a') return send(res, 405, envelope(2000, 'Registered already'));
      const body = r.body as { token: string; url: string };
      // The receiver stores the sender's token and reads its versions with it.
      await credentialsEndpoint(body.url, body.token);
      ap.ladepayToken = body.token;
      ap.ladepayCredentials = r.body as Record<string, unknown>;
      accepted.delete(token as string);
      ap.ownToken = newToken();
      accepted.set(ap.ownToken, 'full');
      return send(res, 200, envelope(1000, 'Success', ownCredentials(ap.ownToken)));
    }
    if (r.path === '/ocpi/2.2.1/credentials' && r.method === 'DELETE') {
      accepted.delete(token as string);
      ap.ladepayToken = undefined;
      return send(res, 200, envelope(1000, 'Success'));
    }
    return send(res, 404, envelope(2000, 'Not found'));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const r: Received = { method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '', headers: req.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
      ap.received.push(r);
      handle(r, res).catch((e: unknown) => send(res, 500, envelope(3000, String(e))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const receiver = startReceiver();
  const ap: AccessPoint = {
    versionsUrl: `${base}/ocpi/versions`,
    base,
    received: [],
    versions: o.versions ?? 'normal',
    ladepayToken: undefined,
    ownToken: undefined,
    ladepayCredentials: undefined,
    issueTokenA() {
      const t = newToken();
      accepted.set(t, 'token_a');
      return t;
    },
    issueToken() {
      const t = newToken();
      accepted.set(t, 'full');
      return t;
    },
    receiver,
    async registerWith(ladepayVersionsUrl, tokenA) {
      const url = await credentialsEndpoint(ladepayVersionsUrl, tokenA);
      ap.ownToken = newToken();
      accepted.set(ap.ownToken, 'full');
      const answer = await call('POST', url, { token: tokenA, body: ownCredentials(ap.ownToken) });
      if (answer.json.status_code === 1000) {
        ap.ladepayCredentials = answer.json.data as Record<string, unknown>;
        ap.ladepayToken = ap.ladepayCredentials.token as string;
      }
      return answer;
    },
    async updateCredentials() {
      const old = ap.ownToken;
      ap.ownToken = newToken();
      accepted.set(ap.ownToken, 'full');
      const url = `${new URL(String(ap.ladepayCredentials?.url)).origin}/ocpi/2.2.1/credentials`;
      const answer = await call('PUT', url, { body: ownCredentials(ap.ownToken) });
      if (answer.json.status_code === 1000) {
        if (old) accepted.delete(old);
        ap.ladepayCredentials = answer.json.data as Record<string, unknown>;
        ap.ladepayToken = ap.ladepayCredentials.token as string;
      }
      return answer;
    },
    async unregister() {
      const url = `${new URL(String(ap.ladepayCredentials?.url)).origin}/ocpi/2.2.1/credentials`;
      return call('DELETE', url);
    },
    call,
    async pull(url) {
      const pages: OcpiAnswer[] = [];
      const objects: unknown[] = [];
      let next: string | undefined = url;
      while (next) {
        const page = await call('GET', next);
        if (page.status !== 200 || page.json.status_code !== 1000) throw new Error(`GET ${next}: HTTP ${page.status} ${JSON.stringify(page.json)}`);
        pages.push(page);
        objects.push(...(page.json.data as unknown[]));
        // OCPI 2.2.1 pagination: Link: <url>; rel="next", absent on the last page.
        next = /<([^>]+)>;\s*rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
        if (pages.length > 1000) throw new Error('the Link headers never end');
      }
      return { objects, pages };
    },
    stop: () => {
      receiver.stop();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return ap;
}
