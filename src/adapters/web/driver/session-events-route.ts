import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { SessionView } from '../../../usecases/ports/driver-views.ts';
import type { DriverRouteDeps } from './driver-route-deps.ts';
import { TOKEN_PATTERN } from './driver-route-deps.ts';

// Server-Sent Events (HTML Living Standard §9.2): `event: session` with the
// SessionView as JSON whenever it changes; a comment line as heartbeat so
// proxies and phones on a flaky network do not drop a quiet connection.
export function registerSessionEventsRoute(app: FastifyInstance, deps: DriverRouteDeps, heartbeatMs: number): void {
  const open = new Set<ServerResponse>();
  // app.close() waits for open connections; a stream never ends on its own.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get<{ Params: { token: string } }>('/s/:token/events', { exposeHeadRoute: false }, async (request, reply) => {
    const { token } = request.params;
    if (!TOKEN_PATTERN.test(token)) return reply.code(404).header('cache-control', 'no-store').send({ error: 'not_found' });

    let lastVersion: number | undefined;
    let ready = false;
    const pending: SessionView[] = [];
    const res = reply.raw;
    const send = (view: SessionView) => {
      if (view.version === lastVersion || res.writableEnded) return;
      lastVersion = view.version;
      res.write(`event: session\ndata: ${JSON.stringify(view)}\n\n`);
    };
    // Subscribe before reading, so a change in between is not lost; hold what arrives until the first view is out.
    const unsubscribe = deps.actions.subscribe(token, (view) => (ready ? send(view) : pending.push(view)));
    let first: SessionView | undefined;
    try {
      first = await deps.actions.session(token);
    } catch (err) {
      unsubscribe();
      throw err;
    }
    if (first === undefined) {
      unsubscribe();
      return reply.code(404).header('cache-control', 'no-store').send({ error: 'not_found' });
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
    send([first, ...pending].reduce((newest, view) => (view.version > newest.version ? view : newest)));
    ready = true;

    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    };
    request.raw.once('close', close);
    res.once('close', close);
  });
}
