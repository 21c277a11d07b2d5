/** What a simulator handler decides to send; the route guard turns it into bytes (or loses it, on demand). */
export interface SimAnswer {
  status: number;
  /** JSON-serialised, unless `contentType` is not JSON and the body is a string or Buffer. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

export function jsonAnswer(status: number, body: unknown): SimAnswer {
  return { status, body, contentType: JSON_TYPE };
}

export function emptyAnswer(status: number): SimAnswer {
  return { status };
}

export function isJsonType(contentType: string | undefined): boolean {
  return contentType === undefined || /^application\/([a-z.+-]*\+)?json\b/i.test(contentType);
}
