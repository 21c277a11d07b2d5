import { expect } from 'vitest';
import { OpenApiContract } from './openapi-contract.ts';
import type { ApiName } from './openapi-contract.ts';
import type { SimMerchant } from './merchants.ts';

// Test-side client of the simulator: every answer of a call() goes through the vendored OpenAPI schema
// of that operation and status, so each test is also a contract test.

export interface TestResponse {
  status: number;
  contentType: string;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface CallOptions {
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  idempotencyKey?: string;
  headers?: Record<string, string | undefined>;
  /** Leave out the Authorization header. */
  noToken?: boolean;
  /** Gateway answers (bad subscription key) have a body no API spec describes. */
  skipContract?: boolean;
}

const PREFIX: Record<ApiName, string> = { epayment: '', webhooks: '/webhooks', qr: '/qr', orderManagement: '/order-management' };

let sharedContract: OpenApiContract | undefined;

export function contract(): OpenApiContract {
  sharedContract ??= new OpenApiContract();
  return sharedContract;
}

export async function readResponse(response: Response): Promise<TestResponse> {
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let json: unknown;
  if (/json/.test(contentType) && text !== '') json = JSON.parse(text);
  return { status: response.status, contentType, headers: response.headers, text, json };
}

export class VippsTestClient {
  token = '';

  constructor(
    readonly url: string,
    readonly merchant: SimMerchant,
  ) {}

  async fetchToken(): Promise<TestResponse> {
    const response = await fetch(`${this.url}/accesstoken/get`, {
      method: 'POST',
      headers: {
        client_id: this.merchant.clientId,
        client_secret: this.merchant.clientSecret,
        'Ocp-Apim-Subscription-Key': this.merchant.subscriptionKey,
        'Merchant-Serial-Number': this.merchant.msn,
      },
    });
    const answer = await readResponse(response);
    if (answer.status === 200) this.token = (answer.json as { access_token: string }).access_token;
    return answer;
  }

  async call(api: ApiName, method: string, specPath: string, options: CallOptions = {}): Promise<TestResponse> {
    const answer = await this.send(method, `${PREFIX[api]}${specPath}`, options);
    if (!options.skipContract) {
      const errors = contract().checkResponse(api, method, specPath, answer.status, answer.json ?? (answer.text === '' ? undefined : answer.text));
      expect(errors, `${method} ${specPath} → ${answer.status} ${answer.text.slice(0, 300)}`).toEqual([]);
    }
    return answer;
  }

  /** A call to an API with no vendored spec (Userinfo): the test checks the answer itself. */
  async callUnspecified(method: string, pathTemplate: string, options: CallOptions = {}): Promise<TestResponse> {
    return this.send(method, pathTemplate, options);
  }

  private async send(method: string, pathTemplate: string, options: CallOptions): Promise<TestResponse> {
    const path = pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? `{${name}}`));
    const headers: Record<string, string> = {
      'Ocp-Apim-Subscription-Key': this.merchant.subscriptionKey,
      'Merchant-Serial-Number': this.merchant.msn,
      'Vipps-System-Name': 'ladepay-tests',
      'Vipps-System-Version': '1.0.0',
    };
    if (!options.noToken) headers['Authorization'] = `Bearer ${this.token}`;
    if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value === undefined) delete headers[name];
      else headers[name] = value;
    }
    return readResponse(await fetch(`${this.url}${path}`, { method, headers, body }));
  }
}

/** The ErrorCode of an ePayment problem body (docs/vipps-contract.md §2: extraDetails [{name: "ErrorCode", reason}]). */
export function errorCodeOf(answer: TestResponse): string | undefined {
  const details = (answer.json as { extraDetails?: Array<{ name: string; reason: string }> } | undefined)?.extraDetails ?? [];
  return details.find((d) => d.name === 'ErrorCode')?.reason;
}

/** A valid WEB_REDIRECT create body with fixed values; override what a test is about. */
export function aCreateBody(reference: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amount: { currency: 'NOK', value: 50000 },
    paymentMethod: { type: 'WALLET' },
    reference,
    userFlow: 'WEB_REDIRECT',
    returnUrl: 'https://ladepay.example/s/token',
    customerInteraction: 'CUSTOMER_PRESENT',
    paymentDescription: 'Lading',
    ...overrides,
  };
}
