import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { tokenHeader } from '../../src/adapters/web/ocpi/ocpi-token-header.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// The charger feeds in the OpenAPI document at /docs/json, held to the
// running server both ways: every /ocpi and /datex2 operation the document
// names is answered by a route (with an answer the document lists), and every
// such route the server registered is in the document.

type Operation = { security?: Array<Record<string, unknown>>; parameters?: Array<{ $ref?: string; name?: string; in?: string }>; responses: Record<string, unknown> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>> };

const FEEDS = /^\/(ocpi|datex2)(\/|$)/;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

// Fastify announces each app it makes on its diagnostics channel, as tracers
// use it; an onRoute hook added there sees every route the app registers.
const registered: Array<{ method: string; url: string }> = [];
const onApp = (message: unknown) => {
  (message as { fastify: FastifyInstance }).fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registered.push({ method: method.toLowerCase(), url: route.url });
  });
};

let sys: TestSystem;
let doc: Doc;
let partnerToken: string;

beforeAll(async () => {
  subscribe('fastify.initialization', onApp);
  try {
    sys = await startSystem({ dialect: primaryDialect(), env: { OCPI_PARTY_ID: 'LDP' } });
  } finally {
    unsubscribe('fastify.initialization', onApp);
  }
  doc = (await (await fetch(`${sys.ladepay.url}/docs/json`)).json()) as Doc;
  const owner = (await new ApiTokenStore(sys.ladepay.database.db).create('owner', new Date(), 'owner')).token;
  const made = await fetch(`${sys.ladepay.url}/api/v1/ocpi/partners`, {
    method: 'POST',
    headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Reader', roles: [{ role: 'NAP', countryCode: 'NL', partyId: 'NDW' }] }),
  });
  expect(made.status).toBe(201);
  partnerToken = ((await made.json()) as { token: string }).token;
});
afterAll(async () => sys?.stop());

// The document's feed operations, DELETE last (it unregisters the partner whose token the others use).
function feedOperations(): Array<{ path: string; method: string; op: Operation }> {
  const ops = Object.entries(doc.paths)
    .filter(([path]) => FEEDS.test(path))
    .flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Operation })));
  return ops.sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
}

async function ask(method: string, path: string, token: string | undefined) {
  const body = method === 'post' || method === 'put' ? '{}' : undefined;
  const res = await fetch(`${sys.ladepay.url}${path}`, {
    method: method.toUpperCase(),
    headers: { ...(token ? { authorization: tokenHeader(token) } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body } : {}),
  });
  const text = await res.text();
  const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  return { status: res.status, code: json.status_code ?? json.error, message: json.status_message ?? json.message, headers: res.headers };
}

const usesOcpiToken = (op: Operation) => (op.security ?? []).some((s) => 'ocpiToken' in s);
// Fastify's `:name` as OpenAPI's `{name}`; the OCPI lists also answer with a
// trailing slash (docs/ocpi.md), the same operation under another spelling.
const asDocPath = (url: string) => url.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');

describe('the OpenAPI document at /docs/json', () => {
  it('describes every /ocpi and /datex2 route the server has, and nothing more under them', () => {
    const routes = registered.filter((r) => FEEDS.test(r.url) && r.method !== 'head').map((r) => `${r.method} ${asDocPath(r.url)}`);
    const documented = feedOperations().map((o) => `${o.method} ${o.path}`);
    expect(routes.length).toBeGreaterThanOrEqual(12);
    expect([...new Set(routes)].sort()).toEqual([...documented].sort());
  });

  it('keeps the REST API as it was and sets each feed apart by tag and auth', () => {
    const paths = Object.keys(doc.paths);
    expect(paths.filter((p) => !p.startsWith('/api/v1/') && !FEEDS.test(p))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('/api/v1/')).length).toBeGreaterThan(30);
    expect(doc.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' }, ocpiToken: { type: 'apiKey', in: 'header', name: 'Authorization' } });
    for (const { path, method, op } of feedOperations()) {
      const ocpi = path.startsWith('/ocpi');
      expect({ path, method, tags: (op as { tags?: string[] }).tags, security: op.security }).toEqual({ path, method, tags: [ocpi ? 'ocpi' : 'datex2'], security: ocpi ? [{ ocpiToken: [] }] : [] });
    }
  });

  it('resolves every reference and names every path parameter', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    const dangling = refs.map((r) => r.slice(8, -1)).filter((r) => {
      const [, kind, name] = /^#\/components\/(\w+)\/(.+)$/.exec(r) ?? [];
      return !kind || !name || doc.components[kind]?.[name] === undefined;
    });
    expect(dangling).toEqual([]);
    for (const { path, method, op } of feedOperations()) {
      const params = (op.parameters ?? []).map((p) => (p.$ref ? (doc.components.parameters?.[p.$ref.split('/').pop() ?? ''] as { name: string; in: string }) : p));
      const inPath = params.filter((p) => p.in === 'path').map((p) => p.name);
      expect({ path, method, inPath }).toEqual({ path, method, inPath: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]) });
    }
  });

  it('names routes the server answers, each with an answer the document lists', async () => {
    // What a path no route takes gets: OCPI's 404 (2000) with a token, Fastify's own under /datex2.
    const missing = { ocpi: await ask('get', '/ocpi/2.2.1/no-such-module', partnerToken), datex2: await ask('get', '/datex2/v3/no-such-publication', undefined) };
    expect([missing.ocpi.status, missing.ocpi.code, missing.datex2.status]).toEqual([404, 2000, 404]);
    const ops = feedOperations();
    expect(ops.length).toBe(13);
    for (const { path, method, op } of ops) {
      const concrete = path.replace(/\{(\w+)\}/g, 'unknown-$1');
      const token = usesOcpiToken(op) ? partnerToken : undefined;
      const answer = await ask(method, concrete, token);
      const notFound = missing[path.startsWith('/ocpi') ? 'ocpi' : 'datex2'];
      expect({ op: `${method} ${path}`, answer: [answer.status, answer.code, answer.message] }).not.toEqual({ op: `${method} ${path}`, answer: [notFound.status, notFound.code, notFound.message] });
      expect({ op: `${method} ${path}`, status: answer.status, listed: Object.keys(op.responses) }).toEqual({ op: `${method} ${path}`, status: answer.status, listed: expect.arrayContaining([String(answer.status)]) });
    }
  });

  it('says what OCPI answers without a token: 401 with WWW-Authenticate, as every OCPI operation lists', async () => {
    for (const { path, method, op } of feedOperations().filter((o) => usesOcpiToken(o.op))) {
      const answer = await ask(method, path.replace(/\{(\w+)\}/g, 'x'), undefined);
      expect({ op: `${method} ${path}`, status: answer.status, code: answer.code, challenge: answer.headers.get('www-authenticate') }).toEqual({ op: `${method} ${path}`, status: 401, code: 2000, challenge: 'Token' });
      expect(Object.keys(op.responses)).toContain('401');
    }
  });
});
