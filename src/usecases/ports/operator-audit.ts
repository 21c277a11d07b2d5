// The record of what operators did: every action from the console or the
// API, and every console login, kept with who, when and from where.

export interface AuditEntry {
  at: string;
  actor: string; // 'console:<email>' or 'api:<token name>'
  action: string;
  subjectType: 'session' | 'station' | 'site' | 'connector' | 'tariff' | 'user' | 'api_token' | 'alert' | 'alert_settings' | 'ocpi_partner';
  subjectId: string;
  outcome: string; // 'ok' or a stable failure code
  detail: Record<string, unknown>;
  // Where it came from: the client's real address (see TRUSTED_PROXIES).
  address?: string;
}

export interface AuditRecord extends AuditEntry {
  id: number;
}

export interface AuditQuery {
  limit: number;
  // Older than this record (the next page).
  beforeId?: number;
  // Exact matches.
  actor?: string;
  action?: string;
}

export interface AuditTrail {
  record(e: AuditEntry): Promise<void>;
  // One subject's entries, oldest first.
  of(subjectType: AuditEntry['subjectType'], subjectId: string): Promise<AuditEntry[]>;
  // Newest first.
  recent(q: AuditQuery): Promise<AuditRecord[]>;
}
