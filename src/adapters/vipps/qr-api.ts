import type { Transport } from './http-transport.ts';
import { failureFromAnswer } from './failure-from-answer.ts';
import { integerAt, isRecord, parseJson, stringAt } from './json-fields.ts';
import { fail, ok, type VippsResult } from './vipps-result.ts';

// The `url` in an answer points at an image of this format; `target-url` gives
// the raw qr.vipps.no link for custom printing (docs/vipps-contract.md §18).
export type QrFormat = 'svg' | 'png' | 'target-url';

const ACCEPT: Record<QrFormat, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  'target-url': 'text/targetUrl',
};

export interface QrOptions {
  format?: QrFormat;
  // PNG side in pixels, 100..2000.
  size?: number;
}

export interface MerchantRedirectQr {
  id: string;
  url: string;
  redirectUrl: string;
  // -1: never expires.
  expiresInSeconds: number;
}

export interface QrImage {
  contentType: string;
  bytes: Uint8Array;
}

export interface QrApi {
  create(input: { id: string; redirectUrl: string; ttlSeconds?: number }, options?: QrOptions): Promise<VippsResult<MerchantRedirectQr>>;
  get(id: string, options?: QrOptions): Promise<VippsResult<MerchantRedirectQr>>;
  list(options?: QrOptions): Promise<VippsResult<MerchantRedirectQr[]>>;
  // Printed stickers keep working: only the target changes (docs/vipps-contract.md §18).
  update(id: string, redirectUrl: string, options?: QrOptions): Promise<VippsResult<MerchantRedirectQr>>;
  delete(id: string): Promise<VippsResult<void>>;
  fetchImage(url: string): Promise<VippsResult<QrImage>>;
}

const BASE = '/qr/v1/merchant-redirect';

function readQr(json: unknown): MerchantRedirectQr | undefined {
  if (!isRecord(json)) return undefined;
  const id = stringAt(json, 'id');
  const url = stringAt(json, 'url');
  const redirectUrl = stringAt(json, 'redirectUrl');
  const expiresInSeconds = integerAt(json, 'expiresIn') ?? -1;
  if (id === undefined || url === undefined || redirectUrl === undefined) return undefined;
  return { id, url, redirectUrl, expiresInSeconds };
}

function readQrList(json: unknown): MerchantRedirectQr[] | undefined {
  if (!Array.isArray(json)) return undefined;
  const codes = json.map(readQr);
  return codes.every((code): code is MerchantRedirectQr => code !== undefined) ? codes : undefined;
}

function headersFor(options: QrOptions | undefined): Record<string, string> {
  const headers: Record<string, string> = { Accept: ACCEPT[options?.format ?? 'svg'] };
  if (options?.size !== undefined) headers['Size'] = String(options.size);
  return headers;
}

export function createQrApi(call: Transport): QrApi {
  async function qrCall<T>(
    operation: string,
    method: 'GET' | 'POST' | 'PUT',
    target: string,
    options: QrOptions | undefined,
    read: (json: unknown) => T | undefined,
    body?: object,
  ): Promise<VippsResult<T>> {
    const answer = await call({
      operation,
      method,
      target,
      headers: headersFor(options),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!answer.ok) return answer;
    const { status } = answer.value;
    if (operation === 'qr.create' && status === 409) return fail({ kind: 'already_exists' });
    if (status !== 200 && status !== 201) return fail(failureFromAnswer(answer.value));
    const value = read(parseJson(answer.value.body));
    return value === undefined ? fail({ kind: 'unexpected', status }) : ok(value);
  }

  return {
    create(input, options) {
      const body = { id: input.id, redirectUrl: input.redirectUrl, ...(input.ttlSeconds !== undefined ? { ttl: input.ttlSeconds } : {}) };
      return qrCall('qr.create', 'POST', BASE, options, readQr, body);
    },
    get(id, options) {
      return qrCall('qr.get', 'GET', `${BASE}/${encodeURIComponent(id)}`, options, readQr);
    },
    list(options) {
      return qrCall('qr.list', 'GET', BASE, options, readQrList);
    },
    update(id, redirectUrl, options) {
      return qrCall('qr.update', 'PUT', `${BASE}/${encodeURIComponent(id)}`, options, readQr, { redirectUrl });
    },
    async delete(id) {
      const answer = await call({ operation: 'qr.delete', method: 'DELETE', target: `${BASE}/${encodeURIComponent(id)}` });
      if (!answer.ok) return answer;
      if (answer.value.status !== 200 && answer.value.status !== 204) return fail(failureFromAnswer(answer.value));
      return ok(undefined);
    },
    async fetchImage(url) {
      // The image URL needs no credentials (docs/vipps-contract.md §18); sending ours to a host they were
      // not issued for would leak them.
      const answer = await call({ operation: 'qr.image', method: 'GET', target: url, credentials: 'none', headers: { Accept: '*/*' } });
      if (!answer.ok) return answer;
      if (answer.value.status !== 200) return fail(failureFromAnswer(answer.value));
      return ok({ contentType: answer.value.contentType, bytes: answer.value.body });
    },
  };
}
