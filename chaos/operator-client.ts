// The charging operator on Ladepay's REST API (/api/v1) with a bearer token:
// find a session by its Vipps reference, stop it, settle it now, refund part.
// Calls retry while Ladepay is down, as an operator's script would.

export interface ApiAnswer {
  status: number;
  body: unknown;
  sentAtRealMs: number; // when the attempt that got this answer was sent (Date.now())
}

export class OperatorClient {
  constructor(
    private readonly url: () => string,
    private readonly token: string,
  ) {}

  private async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    const until = Date.now() + 180_000;
    for (;;) {
      const sentAtRealMs = Date.now();
      try {
        const res = await fetch(`${this.url()}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, sentAtRealMs };
      } catch (e) {
        if (Date.now() > until) throw e;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  async sessionId(reference: string): Promise<string | undefined> {
    const answer = await this.call('GET', `/sessions?reference=${encodeURIComponent(reference)}`);
    const sessions = (answer.body as { sessions?: Array<{ id: string }> } | undefined)?.sessions;
    return sessions?.[0]?.id;
  }

  async sessionState(id: string): Promise<string | undefined> {
    const answer = await this.call('GET', `/sessions/${id}`);
    return answer.status === 200 ? (answer.body as { state?: string }).state : undefined;
  }

  stop(id: string): Promise<ApiAnswer> {
    return this.call('POST', `/sessions/${id}/stop`);
  }

  settle(id: string): Promise<ApiAnswer> {
    return this.call('POST', `/sessions/${id}/settle`);
  }

  // The same request again carries the same Idempotency-Key: a double submit.
  refund(id: string, amountOre: number, key: string): Promise<ApiAnswer> {
    return this.call('POST', `/sessions/${id}/refund`, { amountOre, reason: 'Goodwill after a fault' }, { 'idempotency-key': key });
  }
}
