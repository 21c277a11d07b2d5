import { describe, expect, it } from 'vitest';
import { failureFromAnswer } from './failure-from-answer.ts';
import type { VippsFailure } from './vipps-result.ts';

function answer(status: number, body: unknown) {
  return { status, contentType: 'application/problem+json', body: Buffer.from(JSON.stringify(body)) };
}

function coded(status: number, code: string) {
  return answer(status, { title: 'whatever', status, extraDetails: [{ name: 'ErrorCode', reason: code }] });
}

describe('failureFromAnswer', () => {
  it.each<[number, string, VippsFailure]>([
    [400, '6060', { kind: 'wrong_state', code: '6060' }],
    [400, '6070', { kind: 'wrong_state', code: '6070' }],
    [400, '6080', { kind: 'wrong_state', code: '6080' }],
    [400, '6040', { kind: 'wrong_state', code: '6040' }],
    [400, '6020', { kind: 'wrong_state', code: '6020' }],
    [400, '6030', { kind: 'wrong_state', code: '6030' }],
    [400, '6090', { kind: 'amount_too_high', code: '6090' }],
    [400, '6150', { kind: 'amount_too_high', code: '6150' }],
    [400, '6260', { kind: 'funds_unavailable' }],
    [409, '4010', { kind: 'idempotency_conflict', code: '4010' }],
    [409, '4020', { kind: 'idempotency_conflict', code: '4020' }],
    [409, '4150', { kind: 'idempotency_conflict', code: '4150' }],
    [404, '5090', { kind: 'not_found' }],
    [400, '5080', { kind: 'forbidden', code: '5080' }],
    [400, '4040', { kind: 'invalid_request', code: '4040' }],
    [422, '5070', { kind: 'invalid_request', code: '5070' }],
    [418, '9999', { kind: 'unexpected', status: 418, code: '9999' }],
  ])('%s with code %s is %j', (status, code, failure) => {
    expect(failureFromAnswer(coded(status, code))).toEqual(failure);
  });

  it('reads 4150 on create as "reference exists"', () => {
    expect(failureFromAnswer(coded(409, '4150'), { creating: true })).toEqual({ kind: 'reference_exists' });
  });

  it('names the field of a validation error (ePayment extraDetails and the older invalidParams)', () => {
    const epayment = answer(400, { extraDetails: [{ name: 'reference', reason: 'must match pattern' }] });
    const qr = answer(400, { invalidParams: [{ name: 'redirectUrl', reason: 'must be https' }] });
    expect(failureFromAnswer(epayment)).toEqual({ kind: 'invalid_request', field: 'reference' });
    expect(failureFromAnswer(qr)).toEqual({ kind: 'invalid_request', field: 'redirectUrl' });
  });

  it.each<[number, VippsFailure]>([
    [400, { kind: 'invalid_request' }],
    [401, { kind: 'unauthorized' }],
    [403, { kind: 'forbidden' }],
    [404, { kind: 'not_found' }],
    [409, { kind: 'idempotency_conflict' }],
    [302, { kind: 'unexpected', status: 302 }],
  ])('falls back on the status for a body without a code (%s)', (status, failure) => {
    const gateway = { status, contentType: 'text/plain', body: Buffer.from('Access denied due to invalid subscription key') };
    expect(failureFromAnswer(gateway)).toEqual(failure);
  });
});
