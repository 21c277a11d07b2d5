import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHARGING_TOKEN, buildDriverTestApp } from '../../../../test/browser/driver-test-app.ts';
import { ScriptedDriverActions } from '../../../../test/browser/scripted-driver-actions.ts';
import { driverPages } from './driver-pages.ts';

let app: FastifyInstance;

beforeAll(async () => {
  ({ app } = await buildDriverTestApp());
});
afterAll(async () => {
  await app.close();
});

const assetUrls = (body: string) => ({
  css: /<link rel="stylesheet" href="([^"]+)">/.exec(body)?.[1] ?? '',
  js: /<script src="([^"]+)" defer><\/script>/.exec(body)?.[1] ?? '',
});

describe('security headers', () => {
  it.each(['/', '/c/K7P2QX', `/s/${CHARGING_TOKEN}`, '/terms', '/c/NOSUCH'])('are strict on %s', async (url) => {
    const res = await app.inject(url);
    const csp = String(res.headers['content-security-policy']);
    const directives = new Map(csp.split(';').map((d) => [d.trim().split(' ')[0], d.trim()]));
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('style-src')).toBe("style-src 'self'");
    expect(directives.get('default-src')).toBe("default-src 'self'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });

  it('has no inline script or style in any page, so the CSP holds without exceptions', async () => {
    for (const url of ['/', '/c/K7P2QX', `/s/${CHARGING_TOKEN}`, '/terms']) {
      const body = (await app.inject(url)).body;
      expect(body).not.toMatch(/<script(?![^>]*\b(src="|type="application\/json"))[^>]*>/);
      expect(body).not.toMatch(/\sstyle=/);
      expect(body).not.toMatch(/<style/);
      expect(body).not.toMatch(/\son[a-z]+=/);
    }
  });

  it('leaves the rest of the app alone: no driver headers, parsers or error pages outside', async () => {
    const outer = Fastify({ logger: false });
    outer.post('/outside', async (request) => ({ got: request.body }));
    outer.get('/outside/fails', async () => {
      throw new Error('boom');
    });
    await outer.register(driverPages, {
      actions: new ScriptedDriverActions(),
      publicUrl: 'http://127.0.0.1:8080',
      operatorName: 'Fjordlading AS',
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    try {
      const json = await outer.inject({ method: 'POST', url: '/outside', payload: { a: 1 } });
      expect(json.json()).toEqual({ got: { a: 1 } });
      expect(json.headers['content-security-policy']).toBeUndefined();
      const form = await outer.inject({ method: 'POST', url: '/outside', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' });
      expect(form.statusCode).toBe(415);
      const failed = await outer.inject('/outside/fails');
      expect(failed.headers['content-type']).toMatch(/^application\/json/);
      // Over plain http, no HSTS and no upgrade.
      const inside = await outer.inject('/');
      expect(inside.headers['strict-transport-security']).toBeUndefined();
      expect(String(inside.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    } finally {
      await outer.close();
    }
  });
});

describe('registration', () => {
  it('works in an app that already has form parsing, cookies and compression of its own', async () => {
    const outer = Fastify({ logger: false });
    await outer.register(fastifyFormbody);
    await outer.register(fastifyCookie);
    await outer.register(fastifyCompress, { global: true });
    await outer.register(driverPages, {
      actions: new ScriptedDriverActions(),
      publicUrl: 'http://127.0.0.1:8080',
      operatorName: 'Fjordlading AS',
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    try {
      const res = await outer.inject({ url: '/terms?lang=en', headers: { 'accept-encoding': 'gzip' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(String(res.headers['set-cookie'])).toMatch(/^lang=en;/);
      const post = await outer.inject({
        method: 'POST',
        url: '/c/NOSUCH/start',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'amount=30000&terms=yes',
      });
      expect(post.statusCode).toBe(404);
    } finally {
      await outer.close();
    }
  });
});

describe('assets', () => {
  it('serves the stylesheet and script under a content hash, immutable', async () => {
    const { css, js } = assetUrls((await app.inject(`/s/${CHARGING_TOKEN}`)).body);
    expect(css).toMatch(/^\/assets\/driver\/driver\.[0-9a-f]{10}\.css$/);
    expect(js).toMatch(/^\/assets\/driver\/driver\.[0-9a-f]{10}\.js$/);
    const style = await app.inject(css);
    expect(style.statusCode).toBe(200);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(style.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const script = await app.inject(js);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('EventSource');
    const revalidated = await app.inject({ url: js, headers: { 'if-none-match': String(script.headers.etag) } });
    expect(revalidated.statusCode).toBe(304);
  });

  it('serves today’s file for an old hash, but not for keeps, and 404 for anything else', async () => {
    const old = await app.inject('/assets/driver/driver.0000000000.css');
    expect(old.statusCode).toBe(200);
    expect(old.headers['cache-control']).toBe('no-cache');
    expect((await app.inject('/assets/driver/other.0000000000.css')).statusCode).toBe(404);
    expect((await app.inject('/assets/driver/..%2F..%2Fdriver-pages.ts')).statusCode).toBe(404);
  });
});

describe('compression and size', () => {
  it('compresses pages and assets', async () => {
    const res = await app.inject({ url: '/c/K7P2QX', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    const { css } = assetUrls((await app.inject(`/s/${CHARGING_TOKEN}`)).body);
    expect((await app.inject({ url: css, headers: { 'accept-encoding': 'br, gzip' } })).headers['content-encoding']).toMatch(/^(br|gzip)$/);
  });

  it('keeps the landing page well under 30 KB transferred, with everything it loads', async () => {
    const page = await app.inject({ url: '/c/K7P2QX', headers: { 'accept-encoding': 'gzip' } });
    const plain = await app.inject('/c/K7P2QX');
    const { css, js } = assetUrls(plain.body);
    // Everything the page references on our origin; nothing else is fetched (no images, fonts or third parties).
    const referenced = [...plain.body.matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1] ?? '');
    expect(referenced.filter((u) => u.startsWith('/assets/')).sort()).toEqual([css, js].sort());
    expect(plain.body).not.toMatch(/(?:href|src)="https?:\/\/(?!lade\.example\.no)/);
    let total = page.rawPayload.length;
    for (const url of [css, js]) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      total += res.headers['content-encoding'] === 'gzip' ? res.rawPayload.length : gzipSync(res.rawPayload).length;
    }
    expect(total).toBeLessThan(15 * 1024);
  });
});

describe('closing', () => {
  it('ends open event streams so the server can close', async () => {
    const { app: other } = await buildDriverTestApp();
    const base = await other.listen({ port: 0, host: '127.0.0.1' });
    const ended = new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${base}/s/${CHARGING_TOKEN}/events`, (res) => {
        res.once('data', () => {
          other.close().catch(reject);
        });
        res.on('end', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    await ended;
  });
});
