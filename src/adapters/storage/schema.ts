import type { Generated } from 'kysely';

// One schema for SQLite and PostgreSQL. Portable column choices:
// - timestamps are ISO 8601 UTC text from Date#toISOString() (fixed width, so
//   text order is time order on both databases);
// - booleans are integers 0/1;
// - JSON is text, parsed in the store that owns the table;
// - money is integer øre, energy integer Wh.

export interface SitesTable {
  id: string;
  name: string;
  address: string;
  disabled: number;
  created_at: string;
  // What the charger feeds need (docs/feed-data.md), migration 0016.
  city: string | null;
  postal_code: string | null;
  country: string; // ISO 3166-1 alpha-2, 'NO'
  latitude: string | null; // decimal degrees, six decimals
  longitude: string | null;
  time_zone: string; // IANA, 'Europe/Oslo'
  opening_hours: string | null; // JSON OpeningHours (core/feed/opening-hours.ts)
  parking_type: string | null;
  parking_restrictions: string; // JSON list
  facilities: string; // JSON list
  owner_name: string | null;
  updated_at: string; // every edit, migration 0017
}

export interface StationsTable {
  id: string; // the OCPP identity, also the URL path segment
  site_id: string;
  name: string;
  password_hash: string;
  protocol: string | null; // last negotiated subprotocol
  vendor: string | null;
  model: string | null;
  firmware: string | null;
  serial_number: string | null; // migration 0009
  last_boot_at: string | null; // migration 0009
  online: number;
  last_seen_at: string | null;
  disabled: number;
  created_at: string;
  price_display: Generated<string>; // 'auto' | 'off', migration 0015
  display_support: string | null; // JSON DisplaySupport, migration 0015
  display_support_at: string | null;
  display_price: string | null; // the default price last shown (JSON), migration 0015
  updated_at: string; // every edit, migration 0017
  presence_at: string; // when it last came online or went offline, migration 0017
}

export interface ConnectorsTable {
  id: string;
  station_id: string;
  connector_no: number; // OCPP 1.6 connectorId / 2.0.1 evseId
  code: string; // short public code printed on the sticker
  type: string; // 'CCS' | 'Type2' | 'CHAdeMO' …
  max_power_w: number;
  status: string;
  error_code: string | null;
  error_info: string | null;
  vendor_error_code: string | null;
  status_at: string | null;
  disabled: number;
  created_at: string;
  // What the charger feeds need (docs/feed-data.md), migration 0016.
  standard: string | null; // OCPI ConnectorType
  format: string | null; // 'SOCKET' | 'CABLE'
  power_type: string | null; // OCPI PowerType
  max_voltage: number | null;
  max_amperage: number | null;
  card_terminal: number; // 0/1, of the connector's EVSE
  evse_id: string | null; // the public EVSE id, made once (core/feed/evse-id.ts); unique
  updated_at: string; // every edit, and the EVSE id made, migration 0017
  status_seen_at: string | null; // when Ladepay recorded the status, by its own clock, migration 0020
}

// A status a station reported for itself as a whole (OCPP 1.6 connector 0).
export interface StationStatusesTable {
  station_id: string;
  status: string;
  error_code: string | null;
  error_info: string | null;
  vendor_error_code: string | null;
  status_at: string;
  seen_at: string | null; // when Ladepay recorded it, by its own clock, migration 0020
}

// A connector a station reports that Ladepay was not set up with.
export interface UndeclaredConnectorsTable {
  station_id: string;
  connector_no: number;
  status: string;
  error_code: string | null;
  first_at: string;
  last_at: string;
}

export interface TariffsTable {
  id: string;
  site_id: string | null; // null: the operator-wide default
  name: string;
  per_kwh_ore: number;
  start_fee_ore: number;
  per_hour_ore: number;
  idle_per_minute_ore: number;
  idle_grace_minutes: number;
  idle_cap_ore: number;
  vat_rate_bp: number;
  valid_from: string;
  created_at: string;
  periods: Generated<string>; // JSON list of TariffPeriod (core/tariff-schedule.ts)
  connector_id: string | null; // set: this connector only
  power_current: string | null; // 'AC' | 'DC'; null: either
  power_min_w: number | null; // set: a power class from this rating up
  power_max_w: number | null; // … and below this one; null: no upper bound
}

export interface SessionsTable {
  id: string;
  token: string;
  connector_id: string;
  // Set while the session is active, null once it has ended: the unique index
  // on it is what makes "one active session per connector" a database rule.
  active_connector_id: string | null;
  state: string;
  vipps_reference: string;
  id_tag: string;
  station_id: string;
  transaction_id: string | null;
  remote_start_id: number;
  max_amount_ore: number;
  stop_owed: Generated<number>; // 1 while the station owes the end of a transaction Ladepay asked it to stop
  psp_reference: string | null; // Vipps' pspReference, once the payment has been read (migration 0009)
  data: string; // the whole core session value, versioned JSON (session-codec.ts)
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SessionEventsTable {
  id: Generated<number>;
  session_id: string;
  at: string;
  source: string; // 'driver' | 'station' | 'vipps' | 'operator' | 'system'
  type: string;
  data: string;
}

export interface PaymentEventsTable {
  id: Generated<number>;
  reference: string;
  name: string;
  psp_reference: string;
  amount_ore: number;
  success: number;
  occurred_at: string;
  received_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  key: string; // unique: enqueueing the same key twice is a no-op
  payload: string;
  state: string; // 'pending' | 'running' | 'done' | 'dead' | 'abandoned' (a forwarded command nobody waits for any more)
  attempts: number;
  max_attempts: number;
  run_after: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  // Set when the item must run on the node holding this station's socket.
  station_id: string | null;
  // A forwarded station command's answer (JSON), for the node that asked.
  result: string | null;
  // An ordered queue (migration 0019): items of one scope and key run one
  // after another; an item whose key is its scope runs alone in the scope.
  order_scope: string | null;
  order_key: string | null;
}

export interface StationOwnersTable {
  station_id: string;
  node_id: string;
  lease_until: string;
  since: string;
}

export interface ClusterNodesTable {
  node_id: string;
  host: string;
  pid: number;
  started_at: string;
  seen_at: string;
  state: string;
}

export interface OcppLogTable {
  id: Generated<number>;
  station_id: string;
  direction: string;
  kind: string;
  action: string | null;
  message_id: string;
  payload: string;
  at: string;
}

export interface OperatorUsersTable {
  id: string;
  email: string;
  password_hash: string;
  role: string;
  disabled: number;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface AlertsTable {
  id: string;
  key: string; // rule:subject
  open_key: string | null; // the key while open, null once resolved (unique)
  rule: string;
  subject: string;
  summary: string;
  detail: string; // JSON
  opened_at: string;
  resolved_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

export interface Database {
  sites: SitesTable;
  stations: StationsTable;
  connectors: ConnectorsTable;
  station_statuses: StationStatusesTable;
  undeclared_connectors: UndeclaredConnectorsTable;
  tariffs: TariffsTable;
  sessions: SessionsTable;
  session_events: SessionEventsTable;
  payment_events: PaymentEventsTable;
  outbox: OutboxTable;
  station_owners: StationOwnersTable;
  cluster_nodes: ClusterNodesTable;
  ocpp_log: OcppLogTable;
  operator_users: OperatorUsersTable;
  settings: SettingsTable;
  counters: CountersTable;
  alerts: AlertsTable;
}
