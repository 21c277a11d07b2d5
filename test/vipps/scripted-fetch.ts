// A stand-in for the network in unit tests of the Vipps client: every request
// is recorded, and a script decides the answer (or throws, or hangs until the
// client's timeout aborts it).

export interface SeenRequest {
  method: string;
  url: URL;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export type Script = (request: SeenRequest, index: number) => Response | Promise<Response>;

export function createScriptedFetch(script: Script): { fetch: typeof fetch; requests: SeenRequest[] } {
  const requests: SeenRequest[] = [];
  const scripted = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = typeof init?.body === 'string' ? init.body : '';
    const request: SeenRequest = { method: init?.method ?? 'GET', url, path: url.pathname, headers, body };
    requests.push(request);
    const signal = init?.signal ?? undefined;
    const answer = Promise.resolve(script(request, requests.length - 1));
    if (!signal) return answer;
    return new Promise<Response>((resolve, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      answer.then(resolve, reject);
    });
  };
  return { fetch: scripted as typeof fetch, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function problem(status: number, code?: string, field?: string): Response {
  const extraDetails = [
    ...(code !== undefined ? [{ name: 'ErrorCode', reason: code }] : []),
    ...(field !== undefined ? [{ name: field, reason: 'invalid' }] : []),
  ];
  return new Response(JSON.stringify({ type: `https://httpstatuses.io/${status}`, title: 'Problem', status, extraDetails }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

export function tokenAnswer(token: string, expiresIn: string | number = '3600'): Response {
  return json(200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: '0', access_token: token });
}

export function hang(): Promise<Response> {
  return new Promise<Response>(() => undefined);
}
