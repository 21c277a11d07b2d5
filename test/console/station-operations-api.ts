import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import type { Role } from '../../src/core/operator-role.ts';
import type { TestSystem } from '../support/system.ts';
import { eventually } from '../support/eventually.ts';

// The REST API as a test drives it for station operations: a token per role,
// JSON in and out.

export interface ApiAnswer {
  status: number;
  json: Record<string, unknown>;
}

export async function roleTokens(sys: TestSystem): Promise<Record<Role, string>> {
  const store = new ApiTokenStore(sys.ladepay.database.db);
  const tokens = {} as Record<Role, string>;
  for (const role of ['viewer', 'operator', 'owner'] as const) tokens[role] = (await store.create(`${role}-ops`, new Date(), role)).token;
  return tokens;
}

export async function callApi(sys: TestSystem, token: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

// A reset makes the station boot again: Ladepay has the new boot, and the station is back.
export async function bootedAgain(sys: TestSystem, token: string, stationId: string, before: unknown): Promise<void> {
  await eventually(async () => {
    const st = (await callApi(sys, token, 'GET', `/stations/${stationId}`)).json;
    return st.lastBootAt !== before && st.online === true;
  }, `${stationId} booted again`);
}
