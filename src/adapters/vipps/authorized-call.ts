import type { AccessTokenCache } from './access-token.ts';
import type { HttpAnswer, Transport, TransportRequest } from './http-transport.ts';
import type { VippsResult } from './vipps-result.ts';

export type AuthorizedCall = (request: Omit<TransportRequest, 'credentials'>) => Promise<VippsResult<HttpAnswer>>;

// docs/vipps-contract.md §3: on an unexpected 401 drop the cached token, fetch once, retry once.
export function createAuthorizedCall(transport: Transport, tokens: AccessTokenCache): AuthorizedCall {
  async function attempt(request: Omit<TransportRequest, 'credentials'>, token: string) {
    return transport({ ...request, credentials: 'vipps', headers: { ...request.headers, Authorization: `Bearer ${token}` } });
  }
  return async (request) => {
    const first = await tokens.get();
    if (!first.ok) return first;
    const answer = await attempt(request, first.value);
    if (!answer.ok || answer.value.status !== 401) return answer;
    tokens.invalidate(first.value);
    const second = await tokens.get();
    if (!second.ok) return second;
    return attempt(request, second.value);
  };
}
