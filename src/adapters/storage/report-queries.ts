import type { Kysely } from 'kysely';
import type { ConnectorFacts, RefundFacts, SessionFacts, StationPlace } from '../../core/fleet-report.ts';
import type { ReportQueries, SettledSessionRow } from '../../usecases/ports/report-queries.ts';
import type { SessionFilter } from '../../usecases/ports/operator-session-queries.ts';
import type { ReceiptNumbersTable } from './receipt-number-store.ts';
import type { RefundRequestsTable } from './refund-request-store.ts';
import type { Database } from './schema.ts';
import { decodeSession, readableRows, type StoredSessionError } from './session-codec.ts';

type Tables = Database & { receipt_numbers: ReceiptNumbersTable; refund_requests: RefundRequestsTable };

// The reports' and the bookkeeping CSV's reads, in SQL both databases run.
// The bill lives in the session's stored document, which is upgraded to the
// current format when it is read (session-codec.ts): so SQL picks and joins
// the rows by their plain columns, and each session's figures come from its
// decoded bill, never from JSON functions that would read an old format raw.
export class KyselyReportQueries implements ReportQueries {
  private readonly db: Kysely<Tables>;

  constructor(
    db: Kysely<Database>,
    private readonly onUnreadable: (error: StoredSessionError) => void = () => undefined,
  ) {
    this.db = db.withTables<{ receipt_numbers: ReceiptNumbersTable; refund_requests: RefundRequestsTable }>();
  }

  async places(): Promise<StationPlace[]> {
    const rows = await this.db
      .selectFrom('stations')
      .innerJoin('sites', 'sites.id', 'stations.site_id')
      .select(['stations.id as station_id', 'stations.name as station_name', 'sites.id as site_id', 'sites.name as site_name'])
      .orderBy('stations.id')
      .execute();
    return rows.map((r) => ({ stationId: r.station_id, stationName: r.station_name, siteId: r.site_id, siteName: r.site_name }));
  }

  async connectors(): Promise<ConnectorFacts[]> {
    const rows = await this.db.selectFrom('connectors').select(['station_id', 'created_at']).orderBy('id').execute();
    return rows.map((r) => ({ stationId: r.station_id, createdAt: r.created_at }));
  }

  // A session touches the period if it was made before the period's end and
  // last changed at or after its start: its charge, its end and its failure
  // all lie between the two (times are fixed-width UTC text, so text order is
  // time order).
  async sessionsTouching(fromIso: string, toIso: string): Promise<SessionFacts[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .select(['id', 'data'])
      .where('updated_at', '>=', fromIso)
      .where('created_at', '<', toIso)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return readableRows(
      rows,
      (r) => {
        const s = decodeSession(r.data, r.id);
        const facts: SessionFacts = { stationId: s.stationId, state: s.state, createdAt: s.createdAt };
        if (s.chargingStartedAt) facts.chargingStartedAt = s.chargingStartedAt;
        if (s.endedAt) facts.endedAt = s.endedAt;
        if (s.priced) facts.bill = s.priced;
        return facts;
      },
      this.onUnreadable,
    );
  }

  async refundsIn(fromIso: string, toIso: string): Promise<RefundFacts[]> {
    const rows = await this.db
      .selectFrom('refund_requests')
      .innerJoin('sessions', 'sessions.id', 'refund_requests.session_id')
      .select(['sessions.station_id', 'refund_requests.updated_at', 'refund_requests.amount_ore'])
      .where('refund_requests.state', '=', 'done')
      .where('refund_requests.updated_at', '>=', fromIso)
      .where('refund_requests.updated_at', '<', toIso)
      .orderBy('refund_requests.updated_at')
      .execute();
    return rows.map((r) => ({ stationId: r.station_id, at: r.updated_at, amountOre: Number(r.amount_ore) }));
  }

  async settledSessions(f: Omit<SessionFilter, 'state'>): Promise<SettledSessionRow[]> {
    let q = this.db
      .selectFrom('sessions')
      .innerJoin('stations', 'stations.id', 'sessions.station_id')
      .innerJoin('sites', 'sites.id', 'stations.site_id')
      .leftJoin('receipt_numbers', 'receipt_numbers.session_id', 'sessions.id')
      .select(['sessions.id', 'sessions.data', 'sessions.psp_reference', 'stations.name as station_name', 'sites.name as site_name', 'receipt_numbers.number as receipt_number'])
      .where('sessions.state', '=', 'settled')
      .orderBy('sessions.created_at', 'desc')
      .orderBy('sessions.id', 'desc')
      .limit(f.limit ?? 100_000);
    if (f.stationId) q = q.where('sessions.station_id', '=', f.stationId);
    if (f.fromIso) q = q.where('sessions.created_at', '>=', f.fromIso);
    if (f.toIso) q = q.where('sessions.created_at', '<', f.toIso);
    if (f.reference) q = q.where('sessions.vipps_reference', '=', f.reference);
    // The newest within the limit, shown oldest first.
    const rows = (await q.execute()).reverse();
    return readableRows(
      rows,
      (r) => {
        const row: SettledSessionRow = { session: decodeSession(r.data, r.id), siteName: r.site_name, stationName: r.station_name };
        if (r.psp_reference) row.pspReference = r.psp_reference;
        if (r.receipt_number !== null && r.receipt_number !== undefined) row.receiptNumber = Number(r.receipt_number);
        return row;
      },
      this.onUnreadable,
    );
  }
}
