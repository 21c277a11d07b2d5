import { PARTNER_ORIGINS, PARTNER_STATES, type OcpiPartner, type PartnerEndpoint, type PartnerOrigin, type PartnerRole, type PartnerState } from '../../usecases/ocpi/ocpi-partner.ts';

// Migration 0018's tables, and a partner read back from its row.

export interface OcpiPartnersTable {
  id: string;
  name: string;
  origin: string;
  state: string;
  version: string | null;
  versions_url: string | null;
  roles: string; // JSON PartnerRole[]
  endpoints: string; // JSON PartnerEndpoint[]
  their_token: string | null; // sealed
  last_push_at: string | null;
  push_failures: number;
  last_push_error: string | null;
  last_push_delay_ms: number | null; // migration 0019
  created_at: string;
  updated_at: string;
}

export interface OcpiTokensTable {
  token_hash: string;
  partner_id: string;
  kind: string; // token_a | access
  created_at: string;
  revoked_at: string | null;
}

function jsonList<T>(text: string, keep: (v: unknown) => v is T): T[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(keep) : [];
  } catch {
    return [];
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isRole = (v: unknown): v is PartnerRole => isRecord(v) && typeof v.role === 'string' && typeof v.countryCode === 'string' && typeof v.partyId === 'string';
const isEndpoint = (v: unknown): v is PartnerEndpoint => isRecord(v) && typeof v.identifier === 'string' && typeof v.role === 'string' && typeof v.url === 'string';

// The partner's pushes waiting in the outbox: how many, and since when the oldest.
export interface PushQueue {
  queued: number;
  waitingSince: string | null;
}

const EMPTY: PushQueue = { queued: 0, waitingSince: null };

export function partnerOf(row: OcpiPartnersTable, queue: PushQueue = EMPTY): OcpiPartner {
  const origin = PARTNER_ORIGINS.find((o) => o === row.origin);
  const state = PARTNER_STATES.find((s) => s === row.state);
  if (!origin || !state) throw new Error(`OCPI partner ${row.id} has an unknown origin or state (${row.origin}, ${row.state})`);
  return {
    id: row.id,
    name: row.name,
    origin: origin satisfies PartnerOrigin,
    state: state satisfies PartnerState,
    version: row.version,
    versionsUrl: row.versions_url,
    roles: jsonList(row.roles, isRole),
    endpoints: jsonList(row.endpoints, isEndpoint),
    hasTheirToken: row.their_token !== null,
    push: {
      lastAt: row.last_push_at,
      failures: Number(row.push_failures),
      lastError: row.last_push_error,
      lastDelayMs: row.last_push_delay_ms === null ? null : Number(row.last_push_delay_ms),
      ...queue,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
