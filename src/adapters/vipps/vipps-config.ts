// One host serves every Vipps API (docs/vipps-contract.md §1). Simulator, test
// and production differ only in these values: nothing in the client branches on
// which one it is.
export const VIPPS_TEST_BASE_URL = 'https://apitest.vipps.no';
export const VIPPS_PRODUCTION_BASE_URL = 'https://api.vipps.no';

export interface VippsSystemInfo {
  readonly name: string;
  readonly version: string;
  readonly pluginName: string;
  readonly pluginVersion: string;
}

export interface VippsRetrySettings {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface VippsConfig {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly subscriptionKey: string;
  readonly msn: string;
  readonly system: VippsSystemInfo;
  readonly timeoutMs: number;
  readonly retry: VippsRetrySettings;
}

export interface VippsConfigInput {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  msn: string;
  systemVersion: string;
  systemName?: string;
  pluginName?: string;
  pluginVersion?: string;
  timeoutMs?: number;
  retry?: Partial<VippsRetrySettings>;
}

// ePayment, Webhooks and QR specs cap every Vipps-System-* header at 30 chars.
const SYSTEM_HEADER_MAX = 30;

function required(name: string, value: string): string {
  if (value.trim() === '') throw new Error(`Vipps config: ${name} is missing`);
  return value;
}

function systemHeader(name: string, value: string): string {
  if (value === '' || value.length > SYSTEM_HEADER_MAX) {
    throw new Error(`Vipps config: ${name} must be 1..${SYSTEM_HEADER_MAX} chars`);
  }
  return value;
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`Vipps config: ${name} must be a non-negative integer`);
  return value;
}

function baseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('Vipps config: baseUrl is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('Vipps config: baseUrl must be http(s)');
  if (url.search !== '' || url.hash !== '') throw new Error('Vipps config: baseUrl must not carry a query');
  return url.href.replace(/\/+$/, '');
}

export function createVippsConfig(input: VippsConfigInput): VippsConfig {
  // MSN: 4–7 digits is the range every source accepts (docs/vipps-contract.md §1).
  if (!/^\d{4,7}$/.test(input.msn)) throw new Error('Vipps config: msn must be 4..7 digits');
  const retry: VippsRetrySettings = {
    maxAttempts: positiveInt('retry.maxAttempts', input.retry?.maxAttempts ?? 4),
    baseDelayMs: positiveInt('retry.baseDelayMs', input.retry?.baseDelayMs ?? 200),
    maxDelayMs: positiveInt('retry.maxDelayMs', input.retry?.maxDelayMs ?? 5_000),
  };
  if (retry.maxAttempts < 1) throw new Error('Vipps config: retry.maxAttempts must be at least 1');
  const config: VippsConfig = {
    baseUrl: baseUrl(input.baseUrl),
    clientId: required('clientId', input.clientId),
    clientSecret: required('clientSecret', input.clientSecret),
    subscriptionKey: required('subscriptionKey', input.subscriptionKey),
    msn: input.msn,
    system: Object.freeze({
      name: systemHeader('systemName', input.systemName ?? 'Ladepay'),
      version: systemHeader('systemVersion', input.systemVersion),
      pluginName: systemHeader('pluginName', input.pluginName ?? 'ladepay-vipps-client'),
      pluginVersion: systemHeader('pluginVersion', input.pluginVersion ?? input.systemVersion),
    }),
    timeoutMs: positiveInt('timeoutMs', input.timeoutMs ?? 10_000),
    retry: Object.freeze(retry),
  };
  // Keys must never reach a log line, even if someone logs the whole config.
  Object.defineProperty(config, 'toJSON', {
    enumerable: false,
    value: () => ({ baseUrl: config.baseUrl, msn: config.msn, system: config.system, clientId: '[redacted]' }),
  });
  return Object.freeze(config);
}
