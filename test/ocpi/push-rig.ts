import { isDeepStrictEqual } from 'node:util';
import type { Logger } from 'pino';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import type { OcpiSharing } from '../../src/composition/ocpi-sharing.ts';
import { eventually } from '../support/eventually.ts';
import { startAccessPoint, type AccessPoint } from '../support/ocpi-access-point.ts';
import { ocpiSharingOf } from '../support/ocpi-sharing-of.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import type { TestDialect } from '../support/test-database.ts';

type Json = Record<string, unknown>;

// What the push tests share: Ladepay (party NO*LDP) with the test access
// point registered by the credentials handshake (its version details offer
// Locations and Tariffs as RECEIVER), the operator's API, and the test
// system's own site made complete.
export interface PushRig {
  sys: TestSystem;
  ocpi: OcpiSharing;
  ap: AccessPoint;
  ok(method: string, path: string, body?: unknown): Promise<Json>;
  // Ladepay's own Location, as a partner pulls it.
  pulled(locationId: string): Promise<Json>;
  stop(): Promise<void>;
}

export async function startPushRig(dialect: TestDialect, o: { env?: Record<string, string>; logger?: Logger } = {}): Promise<PushRig> {
  const sys = await startSystem({ dialect, env: { OCPI_PARTY_ID: 'LDP', OCPI_PUSH_SWEEP_SECONDS: '1', ...o.env }, ...(o.logger ? { logger: o.logger } : {}) });
  const ocpi = await ocpiSharingOf(sys);
  const owner = (await new ApiTokenStore(sys.ladepay.database.db).create('setup', new Date(), 'owner')).token;
  const ok = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${owner}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const json = (await res.json()) as Json;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const ap = await startAccessPoint();
  const tokenA = await ocpi.admin.createTokenA('Test access point');
  if (!tokenA.ok) throw new Error(tokenA.problem);
  const registered = await ap.registerWith(`${sys.ladepay.url}/ocpi/versions`, tokenA.token);
  if (registered.json.status_code !== 1000) throw new Error(`registration: ${JSON.stringify(registered.json)}`);
  return {
    sys,
    ocpi,
    ap,
    ok,
    async pulled(locationId) {
      const r = await ap.call('GET', `${sys.ladepay.url}/ocpi/2.2.1/locations/${locationId}`);
      return r.json.data as Json;
    },
    async stop() {
      await ap.stop();
      await sys.stop();
    },
  };
}

// The test system's site with what a feed needs, and its DC connectors told their voltage and amperage.
export async function completeSite(rig: PushRig, connectorIds: string[]): Promise<void> {
  await rig.ok('PATCH', '/sites/site', { city: 'Oslo', postalCode: '0150', coordinates: { latitude: '59.9069', longitude: '10.7533' }, openingHours: { twentyFourSeven: true }, parkingType: 'PARKING_LOT', facilities: ['CAFE'] });
  for (const id of connectorIds) await rig.ok('PATCH', `/connectors/${id}`, { maxVoltage: 500, maxAmperage: 125 });
}

// An OCPI object without its last_updated fields (a partner's copy may lag in
// those alone: a time moved without anything a push carries changing).
export function withoutTimes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutTimes);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v as Json).filter(([k]) => k !== 'last_updated').map(([k, x]) => [k, withoutTimes(x)]));
}

// Waits until the access point's copy of the Location is Ladepay's own, but for times.
export async function inStep(rig: PushRig, locationId: string, ap: AccessPoint = rig.ap): Promise<Json> {
  return eventually(async () => {
    const copy = ap.receiver.location(locationId);
    const own = await rig.pulled(locationId);
    return copy && isDeepStrictEqual(withoutTimes(copy), withoutTimes(own)) ? copy : undefined;
  }, `the access point's copy of Location ${locationId} to be Ladepay's`);
}

// The statuses the access point was sent for one EVSE, in the order they came: whole Locations PUT, then its PATCHes.
export function statusesSent(ap: AccessPoint, uid: string, since = 0): string[] {
  const out: string[] = [];
  for (const p of ap.receiver.pushes.slice(since)) {
    if (!p.accepted || !p.body) continue;
    const parts = p.path.split('/');
    if (parts[0] !== 'locations') continue;
    if (parts.length === 4 && Array.isArray(p.body.evses)) {
      const e = (p.body.evses as Json[]).find((x) => x.uid === uid);
      if (e) out.push(String(e.status));
    } else if (parts.length === 5 && parts[4] === uid && typeof p.body.status === 'string') out.push(p.body.status);
  }
  return out;
}
