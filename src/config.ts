import { hostname } from 'node:os';
import { isIP } from 'node:net';
import { THRESHOLD_FIELDS, type AlertThresholds } from './core/alerts/alert-thresholds.ts';
import { isOperatorCountry, isPartyId } from './core/feed/feed-operator.ts';

// The environment, read once, validated and frozen. Nothing else in Ladepay
// reads the environment; main.ts passes the Config down.

export type Mode = 'serve' | 'demo';

export interface VippsSettings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  msn: string;
}

// The seller as receipts name it (bokføringsforskriften § 5-1-1: name,
// organisation number and address), its terms, and where drivers get help.
export interface OperatorSettings {
  name: string;
  orgNumber: string;
  address: string;
  termsUrl: string | undefined;
  // Unset: the pages, receipts and stickers leave the contact out.
  support: { phone?: string; email?: string; url?: string } | undefined;
  // The operator as the charger feeds name it (OCPI country code and party
  // id, docs/feed-data.md); no party id: no site is shared.
  party: { countryCode: string; partyId: string | undefined };
}

// How the HTTP server holds its doors: which proxies may speak for a client,
// how long a slow client may take, how many live streams one may hold.
export interface HttpLimits {
  // Addresses or CIDR ranges (or proxy-addr's loopback/linklocal/uniquelocal)
  // whose X-Forwarded-For/-Proto/-Host are believed; empty: none are.
  trustedProxies: string[];
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  idleTimeoutMs: number;
  sseStreamsPerAddress: number;
  sseStreamsPerSession: number;
}

// Alert rules' default thresholds (an owner may change them in the console),
// how often they are evaluated, and where opened and resolved alerts are sent.
export interface AlertSettingsConfig {
  evaluateSeconds: number;
  defaults: AlertThresholds;
  webhook: { url: string; secret: string | undefined; bearerToken: string | undefined } | undefined;
  mail: { smtpUrl: string; to: string[]; from: string } | undefined;
}

export interface Config {
  mode: Mode;
  host: string;
  port: number;
  http: HttpLimits;
  // AES-256-GCM key for the secrets kept in the database (32 bytes, base64 or
  // hex). Required to serve; the demo keeps one beside its SQLite file.
  secretsKey: string | undefined;
  // Unset: derived from the address Ladepay listens on, once it listens.
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  sqlitePath: string;
  logLevel: string;
  // json: one JSON object a line, for a log collector (serve). pretty: one
  // readable line per entry, for a person at a terminal (the demo).
  logFormat: 'json' | 'pretty';
  // undefined in demo mode without keys: the embedded simulator is used.
  vipps: VippsSettings | undefined;
  operator: OperatorSettings;
  ocpp: { heartbeatSeconds: number; meterIntervalSeconds: number; callTimeoutMs: number };
  workers: { outboxLeaseSeconds: number; reconcileSeconds: number };
  // Pushing changes to OCPI partners (docs/ocpi.md): how often the planner
  // compares what is published with what each partner was sent, how long a
  // partner may take to answer, and the backoff of a push it did not take.
  ocpiPush: { sweepSeconds: number; timeoutMs: number; retryFirstMs: number; retryMaxMs: number };
  // Several nodes on one PostgreSQL (docs/deploy.md).
  cluster: { nodeId: string; leaseSeconds: number; drainSeconds: number };
  sessions: {
    startWindowSeconds: number;
    stationSilenceSeconds: number;
    unpaidHoldSeconds: number;
    faultStopGraceSeconds: number;
    suspendedEvseLimitMinutes: number;
    amountPresetsOre: number[];
    defaultAmountOre: number;
    minAmountOre: number;
    maxAmountOre: number;
    // An amount that buys less energy than this is not offered (src/core/amount-offer.ts).
    usefulEnergyWh: number;
    cardPayments: boolean;
    billEnergyAfterUndeliveredStop: boolean;
  };
  admin: { email: string; password: string } | undefined;
  // Signs the console's login cookie. Unset: one is made at first start and
  // kept in the database, so every process on that database shares it.
  console: { sessionSecret: string | undefined };
  demo: { stations: number };
  alerts: AlertSettingsConfig;
  // The station door: frame and connection limits, failed-upgrade lockouts,
  // and how long a station's old password stays valid after a change.
  stationDoor: {
    maxFrameBytes: number;
    maxCallsInFlight: number;
    maxConnectionsPerAddress: number;
    failuresPerStation: number;
    failuresPerAddress: number;
    lockoutSeconds: number;
    maxDelayMs: number;
    passwordGraceSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  str(name: string, fallback?: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? fallback : v.trim();
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.str(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return Number(raw);
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.str(name);
    if (raw === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  url(name: string, fallback: string | undefined, schemes: string[]): string | undefined {
    const raw = this.str(name, fallback);
    if (raw === undefined) return undefined;
    try {
      const u = new URL(raw);
      if (!schemes.includes(u.protocol)) throw new Error('scheme');
      return raw.replace(/\/+$/, '');
    } catch {
      this.problems.push(`${name} must be a ${schemes.join(' or ')} URL (got "${raw}")`);
      return fallback;
    }
  }

  list(name: string): string[] {
    const raw = this.str(name);
    return raw === undefined ? [] : raw.split(',').map((p) => p.trim()).filter((p) => p !== '');
  }

  oreList(name: string, fallback: number[]): number[] {
    const raw = this.str(name);
    if (raw === undefined) return fallback;
    const parts = raw.split(',').map((p) => p.trim());
    if (parts.some((p) => !/^\d+$/.test(p))) {
      this.problems.push(`${name} must be a comma-separated list of amounts in øre (got "${raw}")`);
      return fallback;
    }
    return parts.map(Number);
  }
}

export function loadConfig(env: Env, mode: Mode): Config {
  const r = new Reader(env);
  const port = r.int('PORT', 8080, 0, 65535);
  // The demo publishes its passwords: it answers this machine only unless told otherwise.
  const host = r.str('HOST', mode === 'demo' ? '127.0.0.1' : '0.0.0.0') as string;
  const http = readHttpLimits(r);
  const secretsKey = r.str('SECRETS_KEY');
  if (secretsKey !== undefined && !isSecretsKey(secretsKey)) {
    r.problems.push('SECRETS_KEY must be 32 random bytes, base64 or hex (e.g. from `openssl rand -base64 32`)');
  } else if (secretsKey === undefined && mode === 'serve') {
    r.problems.push('SECRETS_KEY is required: 32 random bytes, base64 or hex (e.g. from `openssl rand -base64 32`); it encrypts the secrets kept in the database');
  }
  const publicUrl = r.url('PUBLIC_URL', undefined, ['http:', 'https:']);

  const databaseUrl = r.str('DATABASE_URL');
  if (databaseUrl && !/^(postgres|postgresql):\/\//.test(databaseUrl) && !databaseUrl.startsWith('sqlite:')) {
    r.problems.push(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${databaseUrl}")`);
  }

  const vippsNames = ['VIPPS_CLIENT_ID', 'VIPPS_CLIENT_SECRET', 'VIPPS_SUBSCRIPTION_KEY', 'VIPPS_MSN'] as const;
  const anyVipps = vippsNames.some((n) => r.str(n) !== undefined) || r.str('VIPPS_BASE_URL') !== undefined;
  let vipps: VippsSettings | undefined;
  if (anyVipps || mode === 'serve') {
    for (const n of vippsNames) if (r.str(n) === undefined) r.problems.push(`${n} is required`);
    const msn = r.str('VIPPS_MSN');
    if (msn !== undefined && !/^\d{4,7}$/.test(msn)) r.problems.push(`VIPPS_MSN must be 4 to 7 digits (got "${msn}")`);
    vipps = {
      baseUrl: r.url('VIPPS_BASE_URL', 'https://api.vipps.no', ['http:', 'https:']) as string,
      clientId: r.str('VIPPS_CLIENT_ID', '') as string,
      clientSecret: r.str('VIPPS_CLIENT_SECRET', '') as string,
      subscriptionKey: r.str('VIPPS_SUBSCRIPTION_KEY', '') as string,
      msn: msn ?? '',
    };
  }

  const minAmountOre = r.int('MIN_AMOUNT_ORE', 10_000, 100, 65_000_000);
  const maxAmountOre = r.int('MAX_AMOUNT_ORE', 100_000, 100, 65_000_000);
  const defaultAmountOre = r.int('DEFAULT_AMOUNT_ORE', 35_000, 100, 65_000_000);
  const amountPresetsOre = r.oreList('AMOUNT_PRESETS_ORE', [20_000, 35_000, 50_000]);
  if (minAmountOre > maxAmountOre) r.problems.push('MIN_AMOUNT_ORE must not be above MAX_AMOUNT_ORE');
  if (defaultAmountOre < minAmountOre || defaultAmountOre > maxAmountOre) {
    r.problems.push('DEFAULT_AMOUNT_ORE must lie between MIN_AMOUNT_ORE and MAX_AMOUNT_ORE');
  }
  for (const p of amountPresetsOre) {
    if (p < minAmountOre || p > maxAmountOre) r.problems.push(`AMOUNT_PRESETS_ORE: ${p} lies outside MIN/MAX_AMOUNT_ORE`);
  }
  // A driver chooses whole kroner (src/core/amount-offer.ts).
  const notWhole = [minAmountOre, maxAmountOre, defaultAmountOre, ...amountPresetsOre].filter((ore) => ore % 100 !== 0);
  if (notWhole.length > 0) r.problems.push(`amounts are whole kroner, multiples of 100 øre (got ${notWhole.join(', ')})`);

  const adminEmail = r.str('ADMIN_EMAIL');
  const adminPassword = r.str('ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    r.problems.push('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
  }
  if (adminPassword !== undefined && adminPassword.length < 10) r.problems.push('ADMIN_PASSWORD must be at least 10 characters');

  const sessionSecret = r.str('CONSOLE_SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < 32) r.problems.push('CONSOLE_SESSION_SECRET must be at least 32 characters');

  // The demo's terminal is read by a person: warnings and above, or the
  // request lines of a browser clicking around bury the URLs it printed.
  const logLevel = r.str('LOG_LEVEL', mode === 'demo' ? 'warn' : 'info') as string;
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    r.problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  }
  const logFormat = r.str('LOG_FORMAT', mode === 'demo' ? 'pretty' : 'json') as string;
  if (logFormat !== 'json' && logFormat !== 'pretty') r.problems.push(`LOG_FORMAT must be json or pretty (got "${logFormat}")`);

  const config: Config = {
    mode,
    host,
    port,
    http,
    secretsKey,
    publicUrl,
    databaseUrl,
    sqlitePath: r.str('SQLITE_PATH', './data/ladepay.db') as string,
    logLevel,
    logFormat: logFormat === 'pretty' ? 'pretty' : 'json',
    vipps,
    operator: readOperator(r, mode),
    ocpp: {
      heartbeatSeconds: r.int('OCPP_HEARTBEAT_SECONDS', 300, 10, 86_400),
      meterIntervalSeconds: r.int('OCPP_METER_INTERVAL_SECONDS', 10, 1, 3600),
      callTimeoutMs: r.int('OCPP_CALL_TIMEOUT_MS', 30_000, 100, 600_000),
    },
    workers: {
      outboxLeaseSeconds: r.int('OUTBOX_LEASE_SECONDS', 60, 1, 3600),
      reconcileSeconds: r.int('RECONCILE_SECONDS', 3, 1, 3600),
    },
    ocpiPush: {
      sweepSeconds: r.int('OCPI_PUSH_SWEEP_SECONDS', 5, 1, 3600),
      timeoutMs: r.int('OCPI_PUSH_TIMEOUT_MS', 10_000, 100, 120_000),
      retryFirstMs: r.int('OCPI_PUSH_RETRY_FIRST_MS', 1000, 10, 3_600_000),
      retryMaxMs: r.int('OCPI_PUSH_RETRY_MAX_MS', 300_000, 10, 86_400_000),
    },
    cluster: {
      nodeId: r.str('NODE_ID', `${hostname()}-${process.pid}`) as string,
      leaseSeconds: r.int('CLUSTER_LEASE_SECONDS', 30, 3, 3600),
      drainSeconds: r.int('DRAIN_SECONDS', 5, 0, 600),
    },
    sessions: {
      startWindowSeconds: r.int('SESSION_START_WINDOW_SECONDS', 180, 10, 3600),
      stationSilenceSeconds: r.int('STATION_SILENCE_SECONDS', 900, 30, 86_400),
      unpaidHoldSeconds: r.int('UNPAID_HOLD_SECONDS', 180, 30, 600),
      faultStopGraceSeconds: r.int('FAULT_STOP_GRACE_SECONDS', 30, 1, 600),
      suspendedEvseLimitMinutes: r.int('SUSPENDED_EVSE_LIMIT_MINUTES', 15, 1, 240),
      amountPresetsOre,
      defaultAmountOre,
      minAmountOre,
      maxAmountOre,
      usefulEnergyWh: r.int('MIN_USEFUL_ENERGY_WH', 10_000, 0, 1_000_000),
      cardPayments: r.bool('CARD_PAYMENTS', false),
      billEnergyAfterUndeliveredStop: r.bool('BILL_ENERGY_AFTER_UNDELIVERED_STOP', false),
    },
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    console: { sessionSecret },
    demo: { stations: r.int('DEMO_STATIONS', 3, 0, 100) },
    alerts: readAlerts(r),
    stationDoor: {
      maxFrameBytes: r.int('OCPP_MAX_FRAME_BYTES', 1_048_576, 4096, 16_777_216),
      maxCallsInFlight: r.int('OCPP_MAX_CALLS_IN_FLIGHT', 20, 1, 1000),
      maxConnectionsPerAddress: r.int('OCPP_MAX_CONNECTIONS_PER_ADDRESS', 100, 1, 1_000_000),
      failuresPerStation: r.int('OCPP_AUTH_FAILURES_PER_STATION', 5, 1, 1_000_000),
      failuresPerAddress: r.int('OCPP_AUTH_FAILURES_PER_ADDRESS', 50, 1, 1_000_000),
      lockoutSeconds: r.int('OCPP_AUTH_LOCKOUT_SECONDS', 900, 10, 86_400),
      maxDelayMs: r.int('OCPP_AUTH_MAX_DELAY_MS', 4000, 0, 60_000),
      passwordGraceSeconds: r.int('OCPP_PASSWORD_GRACE_SECONDS', 86_400, 60, 2_592_000),
    },
  };
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(config.cluster.nodeId)) r.problems.push(`NODE_ID must be 1 to 64 letters, digits, dots, dashes or underscores (got "${config.cluster.nodeId}")`);
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return deepFreeze(config);
}

// The demo shows an operator as a real one is set up; serving for real, the
// address is required, as every receipt must carry it.
const DEMO_OPERATOR = {
  address: 'Demoveien 1, 0150 Oslo',
  partyId: 'LDP',
  supportPhone: '+47 22 12 34 56',
  supportEmail: 'kundeservice@ladepay-demo.example',
};

function readOperator(r: Reader, mode: Mode): OperatorSettings {
  const address = r.str('OPERATOR_ADDRESS', mode === 'demo' ? DEMO_OPERATOR.address : undefined);
  if (address === undefined) r.problems.push("OPERATOR_ADDRESS is required: the seller's address every receipt carries (e.g. \"Storgata 1, 0155 Oslo\")");
  const phone = r.str('SUPPORT_PHONE', mode === 'demo' ? DEMO_OPERATOR.supportPhone : undefined);
  if (phone !== undefined && !isPhoneNumber(phone)) {
    r.problems.push(`SUPPORT_PHONE must be a phone number with its country code, e.g. "+47 22 12 34 56" (got "${phone}")`);
  }
  const email = r.str('SUPPORT_EMAIL', mode === 'demo' ? DEMO_OPERATOR.supportEmail : undefined);
  if (email !== undefined && !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/.test(email)) {
    r.problems.push(`SUPPORT_EMAIL must be an email address (got "${email}")`);
  }
  const orgNumber = (r.str('OPERATOR_ORG_NUMBER', '999999999') as string).replace(/\s+/g, '');
  if (!isOrgNumber(orgNumber)) r.problems.push(`OPERATOR_ORG_NUMBER must be a Norwegian organisation number: 9 digits, the last a valid check digit (got "${orgNumber}")`);
  const url = r.url('SUPPORT_URL', undefined, ['http:', 'https:']);
  const support = {
    ...(phone !== undefined ? { phone: phone.replace(/\s+/g, ' ') } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(url !== undefined ? { url } : {}),
  };
  return {
    name: r.str('OPERATOR_NAME', 'Ladepay Demo Lading AS') as string,
    orgNumber,
    address: address ?? '',
    termsUrl: r.url('TERMS_URL', undefined, ['http:', 'https:']),
    support: Object.keys(support).length > 0 ? support : undefined,
    party: readParty(r, mode),
  };
}

function readParty(r: Reader, mode: Mode): OperatorSettings['party'] {
  const countryCode = (r.str('OCPI_COUNTRY_CODE', 'NO') as string).toUpperCase();
  if (!isOperatorCountry(countryCode)) r.problems.push(`OCPI_COUNTRY_CODE must be an ISO 3166-1 alpha-2 country code, e.g. "NO" (got "${countryCode}")`);
  const partyId = r.str('OCPI_PARTY_ID', mode === 'demo' ? DEMO_OPERATOR.partyId : undefined)?.toUpperCase();
  if (partyId !== undefined && !isPartyId(partyId)) r.problems.push(`OCPI_PARTY_ID must be 3 letters or digits, e.g. "ABC" (got "${partyId}")`);
  return { countryCode, partyId };
}

// "+47 22 12 34 56": a plus, the country code and the number (E.164: at
// most 15 digits), spaces allowed between digits. A Norwegian number has 8
// digits after +47.
function isPhoneNumber(text: string): boolean {
  if (!/^\+\d[\d ]*\d$/.test(text)) return false;
  const digits = text.replace(/ /g, '');
  if (digits.startsWith('+47')) return digits.length === 11;
  return digits.length >= 8 && digits.length <= 16;
}

// Nine digits, the last a modulus 11 check digit (weights 3 2 7 6 5 4 3 2),
// as the Brønnøysund Register Centre issues them.
function isOrgNumber(text: string): boolean {
  if (!/^\d{9}$/.test(text)) return false;
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(text[i]), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(text[8]);
}

// An address, or an address range in CIDR notation, or a name proxy-addr knows.
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
function isProxySpec(spec: string): boolean {
  if (PROXY_NAMES.includes(spec)) return true;
  const [address = '', prefix, ...rest] = spec.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

// 32 bytes as base64, base64url or hex.
export function secretsKeyBytes(text: string): Buffer | undefined {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(text)
      ? Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
      : undefined;
  return bytes?.length === 32 ? bytes : undefined;
}

function isSecretsKey(text: string): boolean {
  return secretsKeyBytes(text) !== undefined;
}

function readHttpLimits(r: Reader): HttpLimits {
  const trustedProxies = r.list('TRUSTED_PROXIES');
  for (const spec of trustedProxies) {
    if (!isProxySpec(spec)) r.problems.push(`TRUSTED_PROXIES: "${spec}" is not an address, a CIDR range, loopback, linklocal or uniquelocal`);
  }
  const headersTimeoutMs = r.int('HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 300_000);
  const requestTimeoutMs = r.int('HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000);
  // Node refuses a headers timeout longer than the request timeout.
  if (headersTimeoutMs > requestTimeoutMs) r.problems.push('HTTP_HEADERS_TIMEOUT_MS must not be above HTTP_REQUEST_TIMEOUT_MS');
  return {
    trustedProxies,
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: r.int('HTTP_KEEP_ALIVE_TIMEOUT_MS', 65_000, 100, 600_000),
    idleTimeoutMs: r.int('HTTP_IDLE_TIMEOUT_MS', 120_000, 1000, 3_600_000),
    sseStreamsPerAddress: r.int('SSE_STREAMS_PER_ADDRESS', 100, 1, 100_000),
    sseStreamsPerSession: r.int('SSE_STREAMS_PER_SESSION', 5, 1, 1000),
  };
}

const ALERT_THRESHOLD_VARIABLES: Record<keyof typeof THRESHOLD_FIELDS, [string, number]> = {
  stationOfflineMinutes: ['ALERT_STATION_OFFLINE_MINUTES', 10],
  connectorFaultedMinutes: ['ALERT_CONNECTOR_FAULTED_MINUTES', 5],
  deliveryFailedAttempts: ['ALERT_DELIVERY_FAILED_ATTEMPTS', 3],
  vippsErrorRatePercent: ['ALERT_VIPPS_ERROR_RATE_PERCENT', 20],
  vippsMinCalls: ['ALERT_VIPPS_MIN_CALLS', 10],
  vippsWindowMinutes: ['ALERT_VIPPS_WINDOW_MINUTES', 15],
  sessionFlagHours: ['ALERT_SESSION_FLAG_HOURS', 24],
};

const EMAIL_ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;

// Not echoed when wrong: it may carry the SMTP password.
function readSmtpUrl(r: Reader): string | undefined {
  const raw = r.str('SMTP_URL');
  if (raw === undefined) return undefined;
  try {
    if (['smtp:', 'smtps:'].includes(new URL(raw).protocol)) return raw;
  } catch {
    // reported below
  }
  r.problems.push('SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.no:587');
  return undefined;
}

function readAlerts(r: Reader): AlertSettingsConfig {
  const defaults = { off: [] } as unknown as AlertThresholds;
  for (const [field, [name, fallback]] of Object.entries(ALERT_THRESHOLD_VARIABLES) as Array<[keyof typeof THRESHOLD_FIELDS, [string, number]]>) {
    defaults[field] = r.int(name, fallback, THRESHOLD_FIELDS[field].min, THRESHOLD_FIELDS[field].max);
  }
  const url = r.url('ALERT_WEBHOOK_URL', undefined, ['http:', 'https:']);
  const secret = r.str('ALERT_WEBHOOK_SECRET');
  const bearerToken = r.str('ALERT_WEBHOOK_BEARER_TOKEN');
  if (secret !== undefined && secret.length < 16) r.problems.push('ALERT_WEBHOOK_SECRET must be at least 16 characters');
  if (!url && (secret !== undefined || bearerToken !== undefined)) r.problems.push('ALERT_WEBHOOK_SECRET and ALERT_WEBHOOK_BEARER_TOKEN need ALERT_WEBHOOK_URL');
  const smtpUrl = readSmtpUrl(r);
  const to = r.list('ALERT_EMAIL_TO');
  const from = r.str('ALERT_EMAIL_FROM');
  for (const a of [...to, ...(from ? [from] : [])]) if (!EMAIL_ADDRESS.test(a)) r.problems.push(`ALERT_EMAIL_TO/ALERT_EMAIL_FROM: "${a}" is not an email address`);
  if (smtpUrl && (to.length === 0 || from === undefined)) r.problems.push('SMTP_URL needs ALERT_EMAIL_TO (one or more addresses, comma-separated) and ALERT_EMAIL_FROM');
  if (!smtpUrl && (to.length > 0 || from !== undefined)) r.problems.push('ALERT_EMAIL_TO and ALERT_EMAIL_FROM need SMTP_URL');
  return {
    evaluateSeconds: r.int('ALERT_EVALUATE_SECONDS', 60, 5, 3600),
    defaults,
    webhook: url ? { url, secret, bearerToken } : undefined,
    mail: smtpUrl && from && to.length > 0 ? { smtpUrl, to, from } : undefined,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
