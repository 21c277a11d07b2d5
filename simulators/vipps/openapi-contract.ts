import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { applyOverlay } from './contract-overlay.ts';
import type { ValidateFunction } from 'ajv';

// Validates the simulator's answers against the vendored OpenAPI files (specs/), for the contract tests.
// Each document is registered whole with Ajv, so `#/components/...` references resolve inside it, and
// validators are compiled from JSON pointers into the document. Ajv handles OpenAPI 3.0 `nullable`.

export type ApiName = 'epayment' | 'webhooks' | 'qr' | 'orderManagement';

const FILES: Record<ApiName, string> = {
  epayment: 'specs/epayment/epayment.v1.yml',
  webhooks: 'specs/webhooks/swagger.yaml',
  qr: 'specs/qr/swagger.yaml',
  orderManagement: 'specs/order-management/swagger.yaml',
};

/** The ePayment spec refers to the OM spec's Receipt by this URL; the vendored OM file serves as it. */
const OM_RECEIPT_BASE = 'https://raw.githubusercontent.com/vippsas/vipps-order-management-api/2.3.24/docs/swagger.yaml';

/** Schema for statuses a spec does not list (401, 404, 500 ...): the API's own error shape. */
const FALLBACK_ERROR: Record<ApiName, string> = {
  epayment: '/components/schemas/Problem',
  webhooks: '/components/schemas/ProblemDetails',
  qr: '/components/schemas/QrErrorResponse',
  orderManagement: '/components/schemas/ErrorResponse',
};

type Json = Record<string, unknown>;

function pointer(segments: string[]): string {
  return segments.map((s) => `/${encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('');
}

export class OpenApiContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  private readonly docs = new Map<ApiName, Json>();
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(baseDir: URL = new URL('.', import.meta.url)) {
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
    addFormats(this.ajv);
    // Descriptive `format` strings of the ePayment AirlineData schema; they name no checkable format.
    for (const name of ['IATA 3-digit accounting code (PAX)', 'IATA 2-letter airline code', 'last name + first name or initials + title.']) {
      this.ajv.addFormat(name, true);
    }
    for (const api of Object.keys(FILES) as ApiName[]) {
      const doc = parse(readFileSync(new URL(FILES[api], baseDir), 'utf8')) as Json;
      applyOverlay(api, doc);
      this.docs.set(api, doc);
      this.ajv.addSchema(doc, api);
    }
    this.ajv.addSchema(this.docs.get('orderManagement') as Json, OM_RECEIPT_BASE);
  }

  /** Errors of a response body against the spec's schema for this operation and status ([] = valid). */
  checkResponse(api: ApiName, method: string, specPath: string, status: number, body: unknown): string[] {
    const operation = this.operation(api, method, specPath);
    const responses = operation['responses'] as Json;
    let response = responses[String(status)] as Json | undefined;
    let responsePointer = ['paths', specPath, method.toLowerCase(), 'responses', String(status)];
    if (response && typeof response['$ref'] === 'string') {
      responsePointer = (response['$ref'] as string).slice(2).split('/');
      response = this.resolve(api, responsePointer);
    }
    if (!response) return this.check(api, FALLBACK_ERROR[api], body);
    const content = response['content'] as Json | undefined;
    if (!content) return body === undefined || body === '' ? [] : [`${status} has no content in the spec, got a body`];
    const mediaType = Object.keys(content)[0] as string;
    return this.check(api, pointer([...responsePointer, 'content', mediaType, 'schema']), body);
  }

  /** Errors of a request body against the spec's request schema. */
  checkRequest(api: ApiName, method: string, specPath: string, body: unknown): string[] {
    const requestBody = this.operation(api, method, specPath)['requestBody'] as Json;
    const mediaType = Object.keys(requestBody['content'] as Json)[0] as string;
    return this.check(api, pointer(['paths', specPath, method.toLowerCase(), 'requestBody', 'content', mediaType, 'schema']), body);
  }

  /** Errors against a named component schema, e.g. ('epayment', 'WebhookEvent'). */
  checkSchema(api: ApiName, name: string, value: unknown): string[] {
    return this.check(api, `/components/schemas/${name}`, value);
  }

  private operation(api: ApiName, method: string, specPath: string): Json {
    const operation = this.resolve(api, ['paths', specPath, method.toLowerCase()]);
    if (!operation) throw new Error(`${api} spec has no ${method} ${specPath}`);
    return operation;
  }

  private resolve(api: ApiName, segments: string[]): Json | undefined {
    let node: unknown = this.docs.get(api);
    for (const segment of segments) node = node && typeof node === 'object' ? (node as Json)[segment] : undefined;
    return node as Json | undefined;
  }

  private check(api: ApiName, jsonPointer: string, value: unknown): string[] {
    const key = `${api}#${jsonPointer}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.getSchema(key);
      if (!validate) throw new Error(`no schema at ${key}`);
      this.cache.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`);
  }
}
