import type { ApiTokens } from '../ports/operator-api-tokens.ts';
import type { AuditTrail } from '../ports/operator-audit.ts';
import type { SessionQueries } from '../ports/operator-session-queries.ts';
import type { OcppFrames, PaymentEvents } from '../ports/operator-station-logs.ts';
import type { StationRegistry } from '../ports/operator-stations.ts';
import type { TariffBook } from '../ports/operator-tariffs.ts';
import type { ReportQueries } from '../ports/report-queries.ts';
import type { LoginSessions, OperatorUsers } from '../ports/operator-users.ts';
import type { SessionRepository } from '../ports/session-repository.ts';
import { apiTokenAdmin } from './api-token-admin.ts';
import { feedData } from './feed-data.ts';
import { reports } from './reports.ts';
import { sessionReads } from './session-reads.ts';
import { siteAdmin } from './site-admin.ts';
import { stationAdmin } from './station-admin.ts';
import { stationImport, type MadeStationPassword } from './station-import.ts';
import { tariffAdmin } from './tariff-admin.ts';
import { userAdmin } from './user-admin.ts';
import type { PriceDisplay } from '../price-display.ts';

export interface OperatorAdminDeps {
  stations: StationRegistry;
  tariffs: TariffBook;
  users: OperatorUsers;
  logins: LoginSessions;
  tokens: ApiTokens;
  audit: AuditTrail;
  repo: Pick<SessionRepository, 'byId' | 'events' | 'inStates'>;
  queries: SessionQueries;
  ocppFrames: OcppFrames;
  paymentEvents: PaymentEvents;
  reportQueries: ReportQueries;
  // The price on the stations' screens, told of changes (docs/price-display.md).
  priceDisplay: Pick<PriceDisplay, 'showDefaultPrice' | 'tariffsChanged'>;
  // The operator in the charger feeds, from the configuration (docs/feed-data.md).
  party: { countryCode: string; partyId: string | undefined };
  supportPhone: string | undefined;
  // A generated station password and its hash (the station door makes both).
  makeStationPassword(): Promise<MadeStationPassword>;
  now(): Date;
}

// What the console and the REST API read and set up, beyond the session
// actions (operator-actions.ts): one set of use cases for both.
export function operatorAdmin(d: OperatorAdminDeps) {
  return {
    sites: siteAdmin(d),
    feeds: feedData(d),
    stations: stationAdmin(d),
    stationImport: stationImport({ stations: d.stations, makePassword: d.makeStationPassword, now: d.now }),
    tariffs: tariffAdmin(d),
    users: userAdmin(d),
    tokens: apiTokenAdmin(d),
    sessions: sessionReads(d),
    reports: reports(d),
    // Each channel records what it was asked, as it was asked (a form, a JSON body).
    audit: d.audit,
  };
}

export type OperatorAdmin = ReturnType<typeof operatorAdmin>;
