import { randomBytes } from 'node:crypto';
import { PROBLEM_TYPE, JSON_TYPE } from './sim-answer.ts';
import type { SimAnswer } from './sim-answer.ts';

export interface ExtraDetail {
  name: string;
  reason: string;
}

export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * RFC 7807 body of the ePayment and Webhooks APIs (docs/vipps-contract.md §2): `type`, `title`, `status`, `detail`,
 * `instance` (path without the API prefix), `traceId`, `extraDetails`. Webhooks' ProblemDetails has
 * `additionalProperties: false`, so nothing else may be added here.
 */
export function problemAnswer(input: {
  status: number;
  title: string;
  detail: string;
  instance: string;
  extraDetails?: ExtraDetail[];
}): SimAnswer {
  return {
    status: input.status,
    contentType: PROBLEM_TYPE,
    body: {
      type: `https://httpstatuses.io/${input.status}`,
      title: input.title,
      status: input.status,
      detail: input.detail,
      instance: input.instance,
      traceId: newTraceId(),
      extraDetails: input.extraDetails ?? [],
    },
  };
}

export function validationProblem(instance: string, issues: ExtraDetail[]): SimAnswer {
  return problemAnswer({
    status: 400,
    title: 'Bad Request',
    detail: 'One or more validation errors occurred.',
    instance,
    extraDetails: issues,
  });
}

/** The older error shape of the QR and Order Management APIs: `invalidParams` instead of `extraDetails`. */
export function legacyErrorAnswer(input: {
  status: number;
  title: string;
  detail: string;
  invalidParams?: ExtraDetail[];
  extra?: Record<string, string>;
}): SimAnswer {
  const traceparent = `00-${newTraceId()}-${randomBytes(8).toString('hex')}-00`;
  return {
    status: input.status,
    contentType: JSON_TYPE,
    body: {
      ...input.extra,
      type: input.status === 400 ? 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1' : `https://httpstatuses.io/${input.status}`,
      title: input.title,
      detail: input.detail,
      instance: traceparent,
      ...(input.invalidParams && input.invalidParams.length > 0 ? { invalidParams: input.invalidParams } : {}),
    },
  };
}

/** Answer of the API gateway in front of every API when the subscription key is missing or wrong. */
export function gatewayKeyRejected(): SimAnswer {
  return {
    status: 401,
    contentType: JSON_TYPE,
    body: {
      statusCode: 401,
      message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
    },
  };
}

/** Error body of the access-token service (docs/vipps-contract.md §3: error, error_description, error_codes, ...). */
export function tokenServiceError(status: number, error: string, description: string, errorCode: number, now: Date): SimAnswer {
  const traceId = newTraceId();
  return {
    status,
    contentType: JSON_TYPE,
    body: {
      error,
      error_description: description,
      error_codes: [errorCode],
      timestamp: now.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      trace_id: traceId,
      correlation_id: newTraceId(),
      error_uri: 'https://developer.vippsmobilepay.com/docs/APIs/access-token-api/',
    },
  };
}
