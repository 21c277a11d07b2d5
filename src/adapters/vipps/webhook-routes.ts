import type { FastifyPluginAsync } from 'fastify';
import { readPaymentEvent } from './epayment-payloads.ts';
import { parseJson } from './json-fields.ts';
import type { PaymentEventRecord } from './payment-snapshot.ts';
import { DEFAULT_WEBHOOK_MAX_SKEW_MS, verifyWebhookSignature } from './webhook-signature.ts';

// A webhook is a hint, not proof: whoever receives this must read the payment
// (GET) before acting on money (docs/vipps-contract.md §15;
// docs/session-states.md, rule 1). Its pspReference is the id of this event's
// own operation (it differs from the one in GET).
export type PaymentEventHint = PaymentEventRecord;

export interface VippsWebhookRoutesOptions {
  path?: string;
  // The secret and the URL exactly as registered with Vipps (the signature covers its path and host).
  getSecret(): Promise<{ secret: string; url: string } | undefined>;
  // Started after the answer is sent; its errors are logged, never sent to Vipps.
  onEvent(hint: PaymentEventHint): Promise<void>;
  now?: () => Date;
  maxSkewMs?: number;
  replayCapacity?: number;
  bodyLimit?: number;
}

// Registered with app.register() and NOT wrapped in fastify-plugin: the
// content-type parsers below must stay inside this context so the rest of the
// app keeps its JSON parsing.
export const vippsWebhookRoutes: FastifyPluginAsync<VippsWebhookRoutesOptions> = async (app, options) => {
  const path = options.path ?? '/webhooks/vipps';
  const now = options.now ?? (() => new Date());
  const bodyLimit = options.bodyLimit ?? 64 * 1024;
  // Deliveries repeat (retries, several registrations during a rotation); the
  // session logic is idempotent anyway, this only spares it the work
  // (docs/vipps-contract.md §15). The last `replayCapacity` deliveries are
  // remembered, the oldest forgotten first: an older repeat gets through, harmlessly.
  const replayCapacity = options.replayCapacity ?? 10_000;
  const seen = new Set<string>();

  // The signature covers the raw bytes; re-serialized JSON would not match
  // (docs/vipps-contract.md §17). Vipps does not document the Content-Type it
  // sends, hence the catch-all.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', '*'], { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    done(null, body);
  });

  app.post(path, { bodyLimit }, async (request, reply) => {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const registration = await options.getSecret();
    if (registration === undefined) {
      request.log.error('Vipps webhook received but no webhook secret is configured');
      return reply.code(503).send({ error: 'webhook receiver not ready' });
    }
    const check = verifyWebhookSignature({
      secret: registration.secret,
      registeredUrl: registration.url,
      headers: request.headers,
      rawBody,
      now: now(),
      maxSkewMs: options.maxSkewMs ?? DEFAULT_WEBHOOK_MAX_SKEW_MS,
    });
    if (!check.ok) {
      request.log.warn({ vippsWebhook: { reason: check.reason } }, 'Vipps webhook refused');
      return reply.code(401).send({ error: 'invalid signature' });
    }
    const hint: PaymentEventHint | undefined = readPaymentEvent(parseJson(rawBody));
    if (hint === undefined) {
      request.log.warn({ vippsWebhook: { bytes: rawBody.length } }, 'Vipps webhook body malformed');
      return reply.code(400).send({ error: 'malformed payment event' });
    }
    const logged = { reference: hint.reference, name: hint.name, pspReference: hint.pspReference };
    const delivery = `${hint.reference}|${hint.name}|${hint.pspReference}`;
    if (seen.has(delivery)) {
      request.log.info({ vippsWebhook: logged }, 'Vipps webhook repeated, ignored');
      return reply.code(200).send({ status: 'duplicate' });
    }
    seen.add(delivery);
    if (seen.size > replayCapacity) {
      const [oldest] = seen;
      if (oldest !== undefined) seen.delete(oldest);
    }
    request.log.info({ vippsWebhook: logged }, 'Vipps webhook accepted');
    // Vipps holds later events for this payment until this one is answered
    // (docs/vipps-contract.md §16): answer first.
    // A handler that fails is not retried from here; polling the payment is the backstop.
    setImmediate(() => {
      Promise.resolve()
        .then(() => options.onEvent(hint))
        .catch((err: unknown) => {
          request.log.error({ err, vippsWebhook: logged }, 'Vipps webhook handler failed');
        });
    });
    return reply.code(200).send({ status: 'accepted' });
  });
};
