// Which tariff a connector sells by. A tariff is assigned operator-wide, to a site, to a power class
// (AC or DC, and/or a power range; operator-wide or at one site) or to one connector. The most specific
// assignment in force that fits the connector wins (docs/pricing.md, "Which tariff applies").

export type CurrentType = 'AC' | 'DC';

/** Connectors of this current, rated at least `minPowerW` and below `maxPowerW` (null: no upper bound). */
export interface PowerClass {
  readonly current: CurrentType | null;
  readonly minPowerW: number;
  readonly maxPowerW: number | null;
}

export interface TariffAssignment {
  /** null: operator-wide. A connector's assignment carries the connector's site. */
  readonly siteId: string | null;
  readonly connectorId: string | null;
  readonly powerClass: PowerClass | null;
}

export interface ConnectorTraits {
  readonly id: string;
  readonly siteId: string;
  /** The plug as the station list names it: 'CCS', 'CHAdeMO', 'Type2' … */
  readonly type: string;
  readonly maxPowerW: number;
}

export const OPERATOR_WIDE: TariffAssignment = Object.freeze({ siteId: null, connectorId: null, powerClass: null });

// CCS (Combo 2) and CHAdeMO are the DC plugs; Type 1, Type 2 and household sockets are AC.
const DC_PLUGS = new Set(['ccs', 'ccs2', 'ccs1', 'chademo']);

export function currentOf(connectorType: string): CurrentType {
  return DC_PLUGS.has(connectorType.toLowerCase()) ? 'DC' : 'AC';
}

export function fitsClass(c: PowerClass, connector: Pick<ConnectorTraits, 'type' | 'maxPowerW'>): boolean {
  if (c.current !== null && c.current !== currentOf(connector.type)) return false;
  return connector.maxPowerW >= c.minPowerW && (c.maxPowerW === null || connector.maxPowerW < c.maxPowerW);
}

export function fits(a: TariffAssignment, connector: ConnectorTraits): boolean {
  if (a.connectorId !== null) return a.connectorId === connector.id;
  if (a.siteId !== null && a.siteId !== connector.siteId) return false;
  return a.powerClass === null || fitsClass(a.powerClass, connector);
}

/** Connector 4, a power class at a site 3, an operator-wide power class 2, a site 1, operator-wide 0. */
export function specificity(a: TariffAssignment): number {
  if (a.connectorId !== null) return 4;
  return (a.powerClass ? 2 : 0) + (a.siteId !== null ? 1 : 0);
}

/** Tariffs with the same key replace one another by validity; different keys stand side by side. */
export function assignmentKey(a: TariffAssignment): string {
  if (a.connectorId !== null) return `connector:${a.connectorId}`;
  const c = a.powerClass;
  return `site:${a.siteId ?? '*'}|class:${c ? `${c.current ?? '*'}:${c.minPowerW}:${c.maxPowerW ?? '*'}` : '-'}`;
}

/** Two classes overlap when some connector fits both. */
export function classesOverlap(a: PowerClass, b: PowerClass): boolean {
  if (a.current !== null && b.current !== null && a.current !== b.current) return false;
  const aMax = a.maxPowerW ?? Number.POSITIVE_INFINITY;
  const bMax = b.maxPowerW ?? Number.POSITIVE_INFINITY;
  return Math.max(a.minPowerW, b.minPowerW) < Math.min(aMax, bMax);
}

export type AssignmentErrorCode = 'class_with_connector' | 'empty_power_range' | 'bad_power';

export interface AssignmentError {
  readonly field: 'powerClass' | 'minPowerW' | 'maxPowerW';
  readonly code: AssignmentErrorCode;
}

const MOST_POWER_W = 10_000_000; // 10 MW: beyond any charger

export function checkAssignment(a: TariffAssignment): AssignmentError[] {
  const c = a.powerClass;
  if (!c) return [];
  if (a.connectorId !== null) return [{ field: 'powerClass', code: 'class_with_connector' }];
  const errors: AssignmentError[] = [];
  if (!Number.isSafeInteger(c.minPowerW) || c.minPowerW < 0 || c.minPowerW > MOST_POWER_W) errors.push({ field: 'minPowerW', code: 'bad_power' });
  if (c.maxPowerW !== null && (!Number.isSafeInteger(c.maxPowerW) || c.maxPowerW < 0 || c.maxPowerW > MOST_POWER_W)) errors.push({ field: 'maxPowerW', code: 'bad_power' });
  if (errors.length === 0 && c.maxPowerW !== null && c.maxPowerW <= c.minPowerW) errors.push({ field: 'maxPowerW', code: 'empty_power_range' });
  return errors;
}

export interface AssignedTariff {
  readonly id: string;
  readonly name: string;
  readonly assignment: TariffAssignment;
  /** ISO 8601 UTC. */
  readonly validFrom: string;
}

/**
 * The existing tariffs a new assignment would clash with: another power class at the same scope
 * (the same site, or both operator-wide) that some connector fits as well, so neither would be the
 * more specific. A tariff with the very same class replaces the old one from its validity and is no
 * clash.
 */
export function classConflicts<T extends AssignedTariff>(candidate: TariffAssignment, existing: readonly T[]): T[] {
  const c = candidate.powerClass;
  if (!c || candidate.connectorId !== null) return [];
  const key = assignmentKey(candidate);
  return existing.filter((e) => {
    const o = e.assignment.powerClass;
    return o !== null && e.assignment.connectorId === null && e.assignment.siteId === candidate.siteId && assignmentKey(e.assignment) !== key && classesOverlap(c, o);
  });
}

/**
 * The tariff a connector sells by at `now`: per assignment the newest validity that has begun, then the
 * most specific assignment that fits. Two of the same specificity (kept out by classConflicts, but
 * stored data may predate it) fall to the newest validity, so the answer never depends on row order.
 */
export function tariffInForce<T extends AssignedTariff>(entries: readonly T[], connector: ConnectorTraits, now: Date): T | undefined {
  const at = now.toISOString();
  const byKey = new Map<string, T>();
  for (const e of entries) {
    if (e.validFrom > at || !fits(e.assignment, connector)) continue;
    const key = assignmentKey(e.assignment);
    const held = byKey.get(key);
    if (!held || later(e, held)) byKey.set(key, e);
  }
  let best: T | undefined;
  for (const e of byKey.values()) {
    if (!best) best = e;
    else {
      const diff = specificity(e.assignment) - specificity(best.assignment);
      if (diff > 0 || (diff === 0 && later(e, best))) best = e;
    }
  }
  return best;
}

function later(a: AssignedTariff, b: AssignedTariff): boolean {
  return a.validFrom > b.validFrom || (a.validFrom === b.validFrom && a.id > b.id);
}
