import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { SessionView } from '../../../usecases/ports/driver-views.ts';
import { addressKey } from '../address-key.ts';
import type { DriverRouteDeps } from './driver-route-deps.ts';
import { TOKEN_PATTERN } from './driver-route-deps.ts';
import { liveUpdate } from './live-figures.ts';
import { StreamCounts } from './stream-counts.ts';

export interface StreamCaps {
  // Live streams one client address may hold (a carrier's NAT puts many phones behind one).
  perAddress: number;
  // Live streams to one session (a driver with a few tabs open).
  perSession: number;
}

// Server-Sent Events (HTML Living Standard §9.2): `event: session` with the
// SessionView and its formatted figures (live-figures.ts) as JSON whenever it
// changes; a comment line as heartbeat so proxies and phones on a flaky
// network do not drop a quiet connection.
export function registerSessionEventsRoute(app: FastifyInstance, deps: DriverRouteDeps, o: { heartbeatMs: number; caps: StreamCaps }): void {
  const open = new Set<ServerResponse>();
  const byAddress = new StreamCounts();
  const byToken = new StreamCounts();
  // app.close() waits for open connections; a stream never ends on its own.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get<{ Params: { token: string } }>('/s/:token/events', { exposeHeadRoute: false }, async (request, reply) => {
    const { token } = request.params;
    if (!TOKEN_PATTERN.test(token)) return reply.code(404).header('cache-control', 'no-store').send({ error: 'not_found' });
    // Taken before any await, so parallel requests cannot all pass the caps.
    const address = addressKey(request.ip);
    const full = byToken.count(token) >= o.caps.perSession ? 'per_session' : byAddress.count(address) >= o.caps.perAddress ? 'per_address' : undefined;
    if (full) {
      deps.security.refused('sse', full);
      request.log.warn({ limit: full }, 'live stream refused: too many open');
      const message = full === 'per_session' ? `This session has ${o.caps.perSession} live views open already. Close one and reload.` : 'Too many live views from your address. Close some and reload.';
      return reply.code(429).header('cache-control', 'no-store').header('retry-after', '30').send({ error: 'too_many_streams', message });
    }
    byToken.add(token);
    byAddress.add(address);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      byToken.remove(token);
      byAddress.remove(address);
    };

    let lastVersion: number | undefined;
    let ready = false;
    const pending: SessionView[] = [];
    const res = reply.raw;
    const send = (view: SessionView) => {
      if (view.version === lastVersion || res.writableEnded) return;
      lastVersion = view.version;
      res.write(`event: session\ndata: ${JSON.stringify(liveUpdate(view))}\n\n`);
    };
    // Subscribe before reading, so a change in between is not lost; hold what arrives until the first view is out.
    const unsubscribe = deps.actions.subscribe(token, (view) => (ready ? send(view) : pending.push(view)));
    let first: SessionView | undefined;
    try {
      first = await deps.actions.session(token);
    } catch (err) {
      unsubscribe();
      release();
      throw err;
    }
    if (first === undefined) {
      unsubscribe();
      release();
      return reply.code(404).header('cache-control', 'no-store').send({ error: 'not_found' });
    }
    if (request.raw.socket.destroyed) {
      // Gone while the view was read: nothing to stream to.
      unsubscribe();
      release();
      return reply.hijack();
    }

    reply.hijack();
    // Headers set so far (the security headers) go out with the stream.
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      'x-robots-tag': 'noindex, nofollow',
    });
    res.write('retry: 3000\n\n');
    open.add(res);
    deps.security.streamOpened();
    send([first, ...pending].reduce((newest, view) => (view.version > newest.version ? view : newest)));
    ready = true;

    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), o.heartbeatMs);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
      release();
      deps.security.streamClosed();
    };
    request.raw.once('close', close);
    res.once('close', close);
  });
}
