import type { Role } from '../../core/operator-role.ts';
import type { ApiToken, ApiTokens } from '../ports/operator-api-tokens.ts';

export interface ApiTokenAdminDeps {
  tokens: ApiTokens;
  now(): Date;
}

// REST API tokens: made by owners with a role, shown once, revoked for good.
export function apiTokenAdmin(d: ApiTokenAdminDeps) {
  return {
    list: (): Promise<ApiToken[]> => d.tokens.list(),
    // The token itself is in this answer only.
    create: (name: string, role: Role): Promise<{ token: string; apiToken: ApiToken }> => d.tokens.create(name, d.now(), role),
    // The token a request carries, when it is valid.
    verify: (token: string): Promise<ApiToken | undefined> => d.tokens.verify(token, d.now()),

    // revoked: false when it no longer worked already.
    async revoke(id: string): Promise<{ ok: true; token: ApiToken; revoked: boolean } | { ok: false; reason: 'not_found' }> {
      const token = await d.tokens.byId(id);
      if (!token) return { ok: false, reason: 'not_found' };
      return { ok: true, token, revoked: await d.tokens.revoke(token.id, d.now()) };
    },
  };
}

export type ApiTokenAdmin = ReturnType<typeof apiTokenAdmin>;
