import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VippsClient } from '../../src/adapters/vipps/vipps-client.ts';
import { contractTargets, recordedClient, uniqueReference, type ContractTarget, type RecordedClient } from './contract-targets.ts';

const RETURN_URL = 'https://ladepay.example/s/contract-test';

for (const target of contractTargets()) {
  describe(`ePayment contract against ${target.name}`, () => {
    let running: ContractTarget;
    let client: VippsClient;
    let recorded: RecordedClient;

    beforeAll(async () => {
      running = await target.start();
      recorded = recordedClient(running.config());
      client = recorded.client;
    });
    afterAll(async () => {
      await running?.stop();
    });

    async function created(label: string, amountOre = 50_000): Promise<string> {
      const reference = uniqueReference(label);
      const result = await client.epayment.create({
        reference,
        amountOre,
        idempotencyKey: `create-${reference}`,
        returnUrl: RETURN_URL,
        description: 'Midlertidig reservasjon av maksbeløp',
      });
      if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result.failure)}`);
      return reference;
    }

    async function authorized(label: string, amountOre = 50_000): Promise<string> {
      const reference = await created(label, amountOre);
      await running.approve(client, reference);
      return reference;
    }

    async function eventNames(reference: string): Promise<string[]> {
      const events = await client.epayment.events(reference);
      if (!events.ok) throw new Error(`events failed: ${JSON.stringify(events.failure)}`);
      return events.value.filter((e) => e.success).map((e) => e.name);
    }

    it('fetches one access token and uses it for every call', async () => {
      const reference = await created('token');
      await Promise.all([client.epayment.get(reference), client.epayment.events(reference), client.epayment.get(reference)]);
      expect(recorded.observed.filter((o) => o.operation === 'accesstoken.get')).toHaveLength(1);
      const token = await client.token.get();
      expect(token.ok && token.value.length).toBeGreaterThan(0);
    });

    it('force-approves a payment (test environment endpoint)', async () => {
      const reference = await created('force');
      const approved = await client.epayment.forceApprove({ reference, phoneNumber: process.env['VIPPS_TEST_PHONE'] ?? '4791234567' });
      expect(approved).toEqual({ ok: true, value: undefined });
      const read = await client.epayment.get(reference);
      expect(read.ok && read.value).toMatchObject({ state: 'AUTHORIZED', aggregate: { authorizedOre: 50_000 } });
    });

    it('creates a payment with a redirect URL and reads it back as CREATED', async () => {
      const reference = uniqueReference('create');
      const result = await client.epayment.create({ reference, amountOre: 50_000, idempotencyKey: `create-${reference}`, returnUrl: RETURN_URL });
      expect(result.ok && result.value.reference).toBe(reference);
      expect(result.ok && result.value.redirectUrl).toMatch(/^https?:\/\//);
      const read = await client.epayment.get(reference);
      expect(read.ok && read.value).toMatchObject({
        reference,
        state: 'CREATED',
        currency: 'NOK',
        amountOre: 50_000,
        aggregate: { authorizedOre: 0, capturedOre: 0, cancelledOre: 0, refundedOre: 0 },
      });
      expect(await eventNames(reference)).toEqual(['CREATED']);
    });

    it('captures the actual cost, releases the rest at once and refunds part: answers, GET and events agree', async () => {
      const reference = await authorized('flow');
      const captured = await client.epayment.capture({ reference, amountOre: 12_345, idempotencyKey: `capture-${reference}` });
      expect(captured.ok && captured.value.aggregate).toEqual({ authorizedOre: 50_000, capturedOre: 12_345, cancelledOre: 0, refundedOre: 0 });
      const cancelled = await client.epayment.cancel({ reference, idempotencyKey: `cancel-${reference}`, cancelTransactionOnly: false });
      expect(cancelled.ok && cancelled.value).toMatchObject({
        state: 'AUTHORIZED',
        aggregate: { authorizedOre: 50_000, capturedOre: 12_345, cancelledOre: 37_655, refundedOre: 0 },
      });
      const refunded = await client.epayment.refund({ reference, amountOre: 345, idempotencyKey: `refund-${reference}-1` });
      expect(refunded.ok && refunded.value.aggregate.refundedOre).toBe(345);
      const read = await client.epayment.get(reference);
      expect(read.ok && read.value.aggregate).toEqual({ authorizedOre: 50_000, capturedOre: 12_345, cancelledOre: 37_655, refundedOre: 345 });
      const events = await client.epayment.events(reference);
      expect(events.ok && events.value.map((e) => [e.name, e.amountOre, e.idempotencyKey ?? null])).toEqual([
        ['CREATED', 50_000, `create-${reference}`],
        // Vipps' webhook and event-log examples show the create request's key on AUTHORIZED.
        ['AUTHORIZED', 50_000, `create-${reference}`],
        ['CAPTURED', 12_345, `capture-${reference}`],
        ['CANCELLED', 37_655, `cancel-${reference}`],
        ['REFUNDED', 345, `refund-${reference}-1`],
      ]);
    });

    it('does a repeated call with the same key once', async () => {
      const reference = await authorized('twice');
      const first = await client.epayment.capture({ reference, amountOre: 10_000, idempotencyKey: `capture-${reference}` });
      const again = await client.epayment.capture({ reference, amountOre: 10_000, idempotencyKey: `capture-${reference}` });
      expect(first.ok && again.ok).toBe(true);
      expect(again.ok && again.value.aggregate.capturedOre).toBe(10_000);
      const createdAgain = await client.epayment.create({ reference, amountOre: 50_000, idempotencyKey: `create-${reference}`, returnUrl: RETURN_URL, description: 'Midlertidig reservasjon av maksbeløp' });
      expect(createdAgain.ok).toBe(true);
      expect(await eventNames(reference)).toEqual(['CREATED', 'AUTHORIZED', 'CAPTURED']);
    });

    it('terminates a payment cancelled before approval', async () => {
      const reference = await created('terminate');
      const cancelled = await client.epayment.cancel({ reference, idempotencyKey: `cancel-${reference}`, cancelTransactionOnly: true });
      expect(cancelled.ok && cancelled.value).toMatchObject({ state: 'TERMINATED', aggregate: { authorizedOre: 0, cancelledOre: 50_000 } });
      expect(await eventNames(reference)).toEqual(['CREATED', 'TERMINATED']);
    });

    describe('the closed set of failures', () => {
      it('not_found for an unknown reference', async () => {
        expect(await client.epayment.get(uniqueReference('nobody'))).toEqual({ ok: false, failure: { kind: 'not_found' } });
        const capture = await client.epayment.capture({ reference: uniqueReference('nobody'), amountOre: 100, idempotencyKey: 'capture-nobody' });
        expect(capture).toEqual({ ok: false, failure: { kind: 'not_found' } });
      });

      it('invalid_request naming the field', async () => {
        const result = await client.epayment.create({ reference: 'short', amountOre: 50_000, idempotencyKey: 'create-short', returnUrl: RETURN_URL });
        expect(result).toEqual({ ok: false, failure: expect.objectContaining({ kind: 'invalid_request', field: expect.stringMatching(/reference/i) }) });
      });

      it('reference_exists for a used reference under a new key', async () => {
        const reference = await created('dup');
        const result = await client.epayment.create({ reference, amountOre: 50_000, idempotencyKey: `create-${reference}-2`, returnUrl: RETURN_URL });
        expect(result).toEqual({ ok: false, failure: { kind: 'reference_exists' } });
      });

      it('idempotency_conflict for a key reused with another amount', async () => {
        const reference = await authorized('conflict');
        await client.epayment.capture({ reference, amountOre: 1_000, idempotencyKey: `capture-${reference}` });
        const result = await client.epayment.capture({ reference, amountOre: 2_000, idempotencyKey: `capture-${reference}` });
        expect(result).toEqual({ ok: false, failure: expect.objectContaining({ kind: 'idempotency_conflict' }) });
      });

      it('wrong_state 6080: capture before approval', async () => {
        const reference = await created('early');
        const result = await client.epayment.capture({ reference, amountOre: 1_000, idempotencyKey: `capture-${reference}` });
        expect(result).toEqual({ ok: false, failure: { kind: 'wrong_state', code: '6080' } });
      });

      it('wrong_state 6060: cancelTransactionOnly after approval releases nothing', async () => {
        const reference = await authorized('late');
        const result = await client.epayment.cancel({ reference, idempotencyKey: `cancel-${reference}`, cancelTransactionOnly: true });
        expect(result).toEqual({ ok: false, failure: { kind: 'wrong_state', code: '6060' } });
        const read = await client.epayment.get(reference);
        expect(read.ok && read.value.aggregate.cancelledOre).toBe(0);
      });

      it('wrong_state 6070: capture after cancel', async () => {
        const reference = await authorized('after-cancel');
        await client.epayment.cancel({ reference, idempotencyKey: `cancel-${reference}`, cancelTransactionOnly: false });
        const result = await client.epayment.capture({ reference, amountOre: 1_000, idempotencyKey: `capture-${reference}` });
        expect(result).toEqual({ ok: false, failure: { kind: 'wrong_state', code: '6070' } });
      });

      it('wrong_state 6040: cancel after full capture', async () => {
        const reference = await authorized('full', 10_000);
        await client.epayment.capture({ reference, amountOre: 10_000, idempotencyKey: `capture-${reference}` });
        const result = await client.epayment.cancel({ reference, idempotencyKey: `cancel-${reference}`, cancelTransactionOnly: false });
        expect(result).toEqual({ ok: false, failure: { kind: 'wrong_state', code: '6040' } });
      });

      it('amount_too_high 6090: capture over the authorized amount', async () => {
        const reference = await authorized('too-much', 10_000);
        const result = await client.epayment.capture({ reference, amountOre: 10_001, idempotencyKey: `capture-${reference}` });
        expect(result).toEqual({ ok: false, failure: { kind: 'amount_too_high', code: '6090' } });
      });

      it('unauthorized for a wrong client secret', async () => {
        const wrong = recordedClient(running.config({ clientSecret: 'not-the-secret' })).client;
        expect(await wrong.epayment.get(uniqueReference('x'))).toEqual({ ok: false, failure: { kind: 'unauthorized' } });
      });
    });
  });
}
