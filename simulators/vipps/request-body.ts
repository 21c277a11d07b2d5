import { isInteger, parse } from 'lossless-json';
import { ExactInteger } from './exact-integer.ts';
import { isJsonType } from './sim-answer.ts';

export type JsonBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'invalid'; reason: string };

// Integer literals a double cannot hold exactly keep their digits; everything else reads as JSON.parse
// reads it, a repeated key included (the last one wins).
const PARSE_OPTIONS = {
  parseNumber: (text: string): number | ExactInteger => (isInteger(text) && !Number.isSafeInteger(Number(text)) ? new ExactInteger(text) : Number(text)),
  onDuplicateKey: ({ newValue }: { newValue: unknown }) => newValue,
};

/**
 * Every request body reaches the handlers as raw text (see the catch-all parser in the server), so a
 * malformed body becomes the API's own 400 answer instead of a framework error page.
 */
export function readJsonBody(raw: unknown, contentType: string | undefined): JsonBody {
  const text = typeof raw === 'string' ? raw : '';
  if (text.trim() === '') return { kind: 'empty' };
  if (!isJsonType(contentType)) return { kind: 'invalid', reason: `Content-Type must be application/json, got ${contentType}` };
  try {
    return { kind: 'json', value: parse(text, null, PARSE_OPTIONS) };
  } catch (error) {
    return { kind: 'invalid', reason: `The request body is not valid JSON: ${(error as Error).message}` };
  }
}

/** Key-order-independent serialisation, used to tell "the same body" from "another body". */
export function stableStringify(value: unknown): string {
  if (value instanceof ExactInteger) return value.digits;
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
