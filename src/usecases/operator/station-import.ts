import { createHash } from 'node:crypto';
import { CONNECTOR_CODE_ALPHABET, normalizeConnectorCode } from '../../core/connector-code.ts';
import { MAX_CONNECTORS_PER_STATION, STATION_ID, connectorType, parseKw } from '../../core/station-setup.ts';
import type { ConnectorData } from '../../core/feed/connector-data.ts';
import type { Connector, NewConnector, Station, StationRegistry, StationWrite } from '../ports/operator-stations.ts';
import { changedFields, readFeedCells, specOfRow, type FeedCells, type GivenFeed } from './station-import-feed.ts';

// One row of an import file as written, with the line it came from; the feed
// data cells only when the file has their columns.
export interface ImportRow extends FeedCells {
  line: number;
  stationId: string;
  siteId: string;
  name: string;
  connectorNo: string;
  type: string;
  maxPowerKw: string;
  code: string;
}

export interface ImportError {
  line: number;
  message: string;
}

// What an import will do, step by step, each with the lines it comes from.
export type ImportStep =
  | { kind: 'create_station'; lines: number[]; stationId: string; siteId: string; name: string; connectors: NewConnector[] }
  | { kind: 'update_station'; lines: number[]; stationId: string; name?: string; siteId?: string }
  | ({ kind: 'add_connector'; lines: number[]; stationId: string; connectorNo: number; type: string; maxPowerW: number } & Partial<ConnectorData>)
  | ({ kind: 'update_connector'; lines: number[]; connectorId: string; type?: string; maxPowerW?: number } & Partial<ConnectorData>)
  | { kind: 'unchanged'; lines: number[]; connectorId: string };

export interface ImportPlan {
  steps: ImportStep[];
  errors: ImportError[];
}

// A new station's one-time password: shown once, only its hash kept.
export interface MadeStationPassword {
  password: string;
  hash: string;
}

export interface StationImportDeps {
  stations: StationRegistry;
  makePassword(): Promise<MadeStationPassword>;
  now(): Date;
}

export interface ImportedStation {
  stationId: string;
  password: string;
  connectors: Connector[];
}

// stale: the plan is no longer the one the caller showed (the file or the
// stations changed since the dry run); nothing was written.
export type ImportResult = { ok: true; plan: ImportPlan; created: ImportedStation[] } | { ok: false; plan: ImportPlan; stale?: true };

// What a dry run showed, in a few characters: the import is carried out only
// while planning again gives exactly these steps.
export function planDigest(plan: ImportPlan): string {
  return createHash('sha256').update(JSON.stringify(plan.steps)).digest('base64url');
}

const CODE = new RegExp(`^[${CONNECTOR_CODE_ALPHABET}]{4,12}$`);

interface Wanted {
  lines: number[];
  siteId: string;
  name: string;
  connectors: Array<{ line: number; connectorNo: number; type?: string; maxPowerW?: number; code?: string; feed: GivenFeed }>;
}

// Bulk set-up from a file: every row checked against the rules and the
// registry as it is now, the whole plan shown (dry run) before anything is
// written, and nothing written while any row has an error.
export function stationImport(d: StationImportDeps) {
  return {
    plan: (rows: readonly ImportRow[]): Promise<ImportPlan> => planImport(d.stations, rows),

    // Plans again against the registry as it is now (the dry run may be
    // stale) and carries the plan out only when it has no error and, when the
    // caller names the plan it showed (planDigest), only when it is still that
    // plan. All writes are one transaction: a database failure midway (say a
    // code taken by a concurrent change) leaves nothing written.
    async run(rows: readonly ImportRow[], shown?: string): Promise<ImportResult> {
      const plan = await planImport(d.stations, rows);
      if (plan.errors.length > 0) return { ok: false, plan };
      if (shown !== undefined && shown !== planDigest(plan)) return { ok: false, plan, stale: true };
      // Hashing is slow on purpose: done before the transaction, not inside it.
      const passwords = new Map<string, MadeStationPassword>();
      for (const step of plan.steps) if (step.kind === 'create_station') passwords.set(step.stationId, await d.makePassword());
      const writes = plan.steps.flatMap((step): StationWrite[] => {
        if (step.kind === 'create_station') {
          const passwordHash = passwords.get(step.stationId)?.hash ?? '';
          return [{ kind: 'create_station', station: { id: step.stationId, siteId: step.siteId, name: step.name, passwordHash, connectors: step.connectors } }];
        }
        if (step.kind === 'update_station') return [{ kind: 'update_station', id: step.stationId, patch: { name: step.name, siteId: step.siteId } }];
        if (step.kind === 'add_connector') {
          const { kind, lines: _lines, ...connector } = step;
          return [{ kind, ...connector }];
        }
        if (step.kind === 'update_connector') {
          const { kind: _kind, lines: _lines, connectorId, ...patch } = step;
          return [{ kind: 'update_connector', id: connectorId, patch }];
        }
        return [];
      });
      const made = await d.stations.writeAll(writes, d.now());
      const created = [...passwords].map(([stationId, p]) => ({ stationId, password: p.password, connectors: made.get(stationId) ?? [] }));
      return { ok: true, plan, created };
    },
  };
}

export type StationImport = ReturnType<typeof stationImport>;

// The rows grouped by station, each field checked on its own line.
function readRows(rows: readonly ImportRow[], errors: ImportError[]): Map<string, Wanted> {
  const stations = new Map<string, Wanted>();
  const refused = new Set<string>();
  for (const r of rows) {
    const problems: string[] = [];
    if (!STATION_ID.test(r.stationId)) problems.push('station_id must be 1 to 48 letters, digits, "_", "." or "-"');
    const no = /^\d{1,2}$/.test(r.connectorNo) ? Number(r.connectorNo) : 0;
    if (no < 1 || no > MAX_CONNECTORS_PER_STATION) problems.push(`connector_no must be 1 to ${MAX_CONNECTORS_PER_STATION}`);
    const type = r.type === '' ? undefined : connectorType(r.type);
    if (r.type !== '' && !type) problems.push(`type "${r.type}" is not one of CCS, Type2, CHAdeMO, Type1, Schuko`);
    const maxPowerW = r.maxPowerKw === '' ? undefined : parseKw(r.maxPowerKw);
    if (r.maxPowerKw !== '' && maxPowerW === undefined) problems.push(`max_power_kw "${r.maxPowerKw}" is not a power from 1 to 1000 kW (e.g. 50 or 7.4)`);
    const code = r.code === '' ? undefined : normalizeConnectorCode(r.code);
    if (code !== undefined && !CODE.test(code)) problems.push(`code "${r.code}" must be 4 to 12 of ${CONNECTOR_CODE_ALPHABET} (no 0, O, 1, I or L)`);
    if (r.name.length > 100) problems.push('name must be at most 100 characters');
    const feed = readFeedCells(r, problems);
    if (problems.length > 0) {
      errors.push({ line: r.line, message: `${problems.join('; ')}.` });
      // Its station is not planned either: a gap left by the refused row would only repeat the error.
      if (STATION_ID.test(r.stationId)) refused.add(r.stationId);
      continue;
    }
    const wanted = stations.get(r.stationId) ?? { lines: [], siteId: r.siteId, name: r.name, connectors: [] };
    stations.set(r.stationId, wanted);
    if (r.siteId !== '' && wanted.siteId !== '' && r.siteId !== wanted.siteId) {
      errors.push({ line: r.line, message: `site_id "${r.siteId}" differs from line ${wanted.lines[0]}'s "${wanted.siteId}" for station ${r.stationId}.` });
      continue;
    }
    if (r.name !== '' && wanted.name !== '' && r.name !== wanted.name) {
      errors.push({ line: r.line, message: `name "${r.name}" differs from line ${wanted.lines[0]}'s "${wanted.name}" for station ${r.stationId}.` });
      continue;
    }
    if (wanted.connectors.some((c) => c.connectorNo === no)) {
      errors.push({ line: r.line, message: `station ${r.stationId} connector ${no} is on line ${wanted.connectors.find((c) => c.connectorNo === no)?.line} already.` });
      continue;
    }
    wanted.siteId ||= r.siteId;
    wanted.name ||= r.name;
    wanted.lines.push(r.line);
    wanted.connectors.push({ line: r.line, connectorNo: no, type, maxPowerW, code, feed });
  }
  for (const id of refused) stations.delete(id);
  return stations;
}

async function planImport(registry: StationRegistry, rows: readonly ImportRow[]): Promise<ImportPlan> {
  const errors: ImportError[] = [];
  const steps: ImportStep[] = [];
  const wanted = readRows(rows, errors);
  const sites = new Map((await registry.listSites()).map((s) => [s.id, s]));
  const codes = [...wanted.values()].flatMap((w) => w.connectors.flatMap((c) => (c.code ? [c.code] : [])));
  const taken = new Map((await registry.connectorsByCodes(codes)).map((c) => [c.code, c]));
  const codeLine = new Map<string, number>();
  for (const [stationId, w] of wanted) {
    for (const c of w.connectors) {
      if (!c.code) continue;
      const first = codeLine.get(c.code);
      if (first !== undefined) errors.push({ line: c.line, message: `code ${c.code} is used on line ${first} already.` });
      else codeLine.set(c.code, c.line);
      const owner = taken.get(c.code);
      if (owner && (owner.stationId !== stationId || owner.connectorNo !== c.connectorNo)) {
        errors.push({ line: c.line, message: `code ${c.code} belongs to ${owner.stationId} connector ${owner.connectorNo}.` });
      }
    }
    const station = await registry.station(stationId);
    if (w.siteId !== '') {
      const site = sites.get(w.siteId);
      if (!site || site.disabled) errors.push({ line: w.lines[0] ?? 0, message: `no active site "${w.siteId}": add it under Sites first, or leave site_id empty for an existing station.` });
    }
    if (station) planExisting(station, await registry.connectors(stationId), w, steps, errors);
    else planNew(stationId, w, steps, errors);
  }
  errors.sort((a, b) => a.line - b.line);
  return { steps, errors };
}

function planNew(stationId: string, w: Wanted, steps: ImportStep[], errors: ImportError[]): void {
  const line = w.lines[0] ?? 0;
  if (w.siteId === '') errors.push({ line, message: `site_id is required for the new station ${stationId}.` });
  const sorted = [...w.connectors].sort((a, b) => a.connectorNo - b.connectorNo);
  sorted.forEach((c, i) => {
    if (c.connectorNo !== i + 1) errors.push({ line: c.line, message: `station ${stationId} is new: its connectors must be numbered 1, 2, 3 … without gaps (connector ${i + 1} is missing).` });
    if (!c.type || c.maxPowerW === undefined) errors.push({ line: c.line, message: `type and max_power_kw are required for a new connector.` });
    else feedError({ ...c.feed, type: c.type, maxPowerW: c.maxPowerW }, c.line, errors);
  });
  steps.push({
    kind: 'create_station',
    lines: w.lines,
    stationId,
    siteId: w.siteId,
    name: w.name || stationId,
    connectors: sorted.map((c) => ({ connectorNo: c.connectorNo, type: c.type ?? '', maxPowerW: c.maxPowerW ?? 0, ...(c.code ? { code: c.code } : {}), ...c.feed })),
  });
}

function planExisting(station: Station, existing: Connector[], w: Wanted, steps: ImportStep[], errors: ImportError[]): void {
  const name = w.name !== '' && w.name !== station.name ? w.name : undefined;
  const siteId = w.siteId !== '' && w.siteId !== station.siteId ? w.siteId : undefined;
  if (name !== undefined || siteId !== undefined) steps.push({ kind: 'update_station', lines: w.lines, stationId: station.id, ...(name ? { name } : {}), ...(siteId ? { siteId } : {}) });
  let next = existing.reduce((max, c) => Math.max(max, c.connectorNo), 0) + 1;
  for (const c of [...w.connectors].sort((a, b) => a.connectorNo - b.connectorNo)) {
    const now = existing.find((e) => e.connectorNo === c.connectorNo);
    if (!now) {
      // The registry numbers a station's new connectors itself, one after the last.
      if (c.connectorNo !== next) errors.push({ line: c.line, message: `station ${station.id} has connectors up to ${next - 1}: the next one added is ${next}, not ${c.connectorNo}.` });
      else if (!c.type || c.maxPowerW === undefined) errors.push({ line: c.line, message: 'type and max_power_kw are required for a new connector.' });
      else if (c.code) errors.push({ line: c.line, message: "a connector added to an existing station gets a new code; leave code empty." });
      else if (!feedError({ ...c.feed, type: c.type, maxPowerW: c.maxPowerW }, c.line, errors)) {
        steps.push({ kind: 'add_connector', lines: [c.line], stationId: station.id, connectorNo: c.connectorNo, type: c.type, maxPowerW: c.maxPowerW, ...c.feed });
      }
      next += 1;
      continue;
    }
    if (c.code && c.code !== now.code) {
      errors.push({ line: c.line, message: `connector ${c.connectorNo} of ${station.id} has code ${now.code}; a code cannot be changed (the sticker carries it).` });
      continue;
    }
    // A new type or power brings its own feed data unless the row gives it (core/feed/connector-data.ts).
    const after = specOfRow({ ...c.feed, ...(c.type !== undefined ? { type: c.type } : {}), ...(c.maxPowerW !== undefined ? { maxPowerW: c.maxPowerW } : {}) }, now);
    if (!after.ok) {
      errors.push({ line: c.line, message: after.message });
      continue;
    }
    const changed = changedFields(now, after.spec);
    if (Object.keys(changed).length === 0) steps.push({ kind: 'unchanged', lines: [c.line], connectorId: now.id });
    else steps.push({ kind: 'update_connector', lines: [c.line], connectorId: now.id, ...changed });
  }
}

// The row's connector checked by the core's rules; true (and the line's error) when refused.
function feedError(given: GivenFeed & { type: string; maxPowerW: number }, line: number, errors: ImportError[]): boolean {
  const spec = specOfRow(given);
  if (!spec.ok) errors.push({ line, message: spec.message });
  return !spec.ok;
}
