import { checkFaultSettings } from './faults.ts';
import { isPlainObject, readJsonBody } from './request-body.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FaultSettings } from './faults.ts';
import type { SimControl } from './sim-control.ts';

type RefRequest = FastifyRequest<{ Params: { reference: string }; Querystring: { msn?: string } }>;

function body(request: FastifyRequest): Record<string, unknown> | null {
  const parsed = readJsonBody(request.body, request.headers['content-type']);
  if (parsed.kind === 'empty') return {};
  return parsed.kind === 'json' && isPlainObject(parsed.value) ? parsed.value : null;
}

function fail(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ error: message });
}

function msnOf(request: RefRequest): string | undefined {
  const fromBody = body(request)?.['msn'];
  return request.query.msn ?? (typeof fromBody === 'string' ? fromBody : undefined);
}

/** Test API under /_sim (no auth): the phone's buttons, books, webhooks, faults and time. */
export function registerSimRoutes(app: FastifyInstance, control: SimControl): void {
  for (const action of ['approve', 'reject'] as const) {
    app.post(`/_sim/payments/:reference/${action}`, async (request: RefRequest, reply) => {
      const outcome = control[action](request.params.reference, msnOf(request));
      return reply.code(outcome.state === null ? 404 : 200).send(outcome);
    });
  }
  app.get('/_sim/payments/:reference', async (request: RefRequest, reply) => {
    const books = control.books(request.params.reference, request.query.msn);
    return books ? reply.send(books) : fail(reply, 404, 'No such payment.');
  });
  app.get('/_sim/receipts/:reference', async (request: RefRequest, reply) => {
    const order = control.receipts(request.params.reference, request.query.msn);
    return order ? reply.send(order) : fail(reply, 404, 'Nothing stored for this reference.');
  });

  app.get('/_sim/webhook-deliveries', async () => control.webhookDeliveries());
  app.post('/_sim/webhooks/deliver-now', async () => {
    control.deliverWebhooksNow();
    return { ok: true };
  });
  app.get('/_sim/webhooks/idle', async () => {
    await control.idle();
    return { idle: true };
  });

  app.get('/_sim/faults', async () => control.faults.get());
  const setFaults = async (request: FastifyRequest, reply: FastifyReply) => {
    const value = body(request);
    const problems = value === null ? ['a JSON object is required'] : checkFaultSettings(value);
    if (problems.length > 0) return fail(reply, 400, problems.join('; '));
    control.faults.set(value as Partial<FaultSettings>);
    return control.faults.get();
  };
  app.put('/_sim/faults', setFaults);
  app.post('/_sim/faults', setFaults);
  app.delete('/_sim/faults', async () => {
    control.faults.reset();
    return control.faults.get();
  });

  app.get('/_sim/clock', async () => ({ now: control.now().toISOString() }));
  app.post('/_sim/clock/advance', async (request, reply) => {
    const ms = body(request)?.['ms'];
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return fail(reply, 400, 'ms must be a number >= 0');
    try {
      control.advanceClock(ms);
    } catch (error) {
      return fail(reply, 409, (error as Error).message);
    }
    return { now: control.now().toISOString() };
  });
  app.post('/_sim/sweep', async () => {
    control.sweep();
    return { ok: true };
  });
}
