import type { Role } from '../../core/operator-role.ts';

// Bearer tokens for the REST API. The token itself is shown once, when it is
// made; only a hash of it is kept.

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokens {
  create(name: string, now: Date, role?: Role): Promise<{ token: string; apiToken: ApiToken }>;
  // The token's record when it is one of ours and not revoked.
  verify(token: string, now: Date): Promise<ApiToken | undefined>;
  byId(id: string): Promise<ApiToken | undefined>;
  // Oldest first.
  list(): Promise<ApiToken[]>;
  // False when it was revoked already (or never was).
  revoke(id: string, now: Date): Promise<boolean>;
}
