import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargePoint } from '../../simulators/charge-point/index.ts';
import { metricValue } from '../security/metric-value.ts';
import { eventually } from '../support/eventually.ts';
import { startAccessPoint, type AccessPoint } from '../support/ocpi-access-point.ts';
import type { PushSeen } from '../support/ocpi-receiver.ts';
import { testDialects } from '../support/test-database.ts';
import { completeSite, inStep, startPushRig, statusesSent, type PushRig } from './push-rig.ts';

type Json = Record<string, unknown>;
type Evse = { uid: string; status: string; connectors: Array<{ tariff_ids: string[] }> };

const line = (p: PushSeen) => `${p.method} ${p.path}`;

// Pushing to partners (docs/ocpi.md, "Pushing changes"), against the test
// access point's Receiver endpoints over real sockets: a site published is a
// Location PUT, an edit a PATCH (a PUT when a field is taken away), a new
// price a Tariff PUT, the Connectors' tariff_ids PATCHed and the old Tariff
// DELETEd, in that order; a station's status an EVSE PATCH; a hand-made
// partner with a Locations endpoint gets Locations only. Each time the
// access point's copy ends up as Ladepay's own Location.
describe.each(testDialects())('OCPI pushes on %s', (dialect) => {
  let rig: PushRig;
  let nap: AccessPoint;
  let uids: string[];
  let cp: ChargePoint;
  const pushes = () => rig.ap.receiver.pushes;

  beforeAll(async () => {
    rig = await startPushRig(dialect);
    await rig.sys.addStation('PUSH-1', 'ocpp1.6', 'PUSHA1', ['PUSHA2']);
    nap = await startAccessPoint();
    const added = await rig.ocpi.admin.addHandMade({ name: 'Dutch NAP', roles: [{ role: 'NAP', countryCode: 'NL', partyId: 'NDW' }], pushEndpoints: { locations: `${nap.base}/ocpi/2.2.1/locations` }, pushToken: nap.issueToken() });
    if (!added.ok) throw new Error(JSON.stringify(added.problems));
  });
  afterAll(async () => {
    await nap?.stop();
    await rig?.stop();
  });

  it('PUTs the Tariff, then the Location, once the site is complete; nothing before', async () => {
    await rig.sys.ladepay.planOcpiPushesNow();
    expect(pushes()).toEqual([]);
    await completeSite(rig, ['PUSH-1-1', 'PUSH-1-2']);
    const copy = await inStep(rig, 'site');
    uids = (copy.evses as Evse[]).map((e) => e.uid);
    expect(uids).toEqual(['PUSHA1', 'PUSHA2']);
    const tariffId = (copy.evses as Evse[])[0]?.connectors[0]?.tariff_ids[0] ?? '';
    expect(pushes().map(line)).toEqual([`PUT tariffs/NO/LDP/${tariffId}`, 'PUT locations/NO/LDP/site']);
    expect(rig.ap.receiver.tariffIds()).toEqual([tariffId]);
    expect(rig.ap.receiver.problems).toEqual([]);
    // The hand-made partner takes Locations only, with its own token.
    await eventually(() => nap.receiver.location('site'), 'the hand-made partner to get the Location');
    expect(nap.receiver.pushes.map(line)).toEqual(['PUT locations/NO/LDP/site']);
    const partner = await eventually(async () => (await rig.ocpi.admin.list()).find((p) => p.name === 'Test access point' && p.push.lastAt !== null && p.push.queued === 0), 'the push figures');
    expect(partner.push).toMatchObject({ failures: 0, lastError: null, queued: 0, waitingSince: null, lastDelayMs: expect.any(Number) });
    // Each accepted push's delay in /metrics, by module.
    for (const module of ['locations', 'tariffs']) expect(await metricValue(rig.sys.ladepay.url, 'ladepay_ocpi_push_delay_seconds_count', { module })).toBeGreaterThan(0);
  });

  it('PATCHes a changed name, and PUTs the Location when a field is taken away', async () => {
    const before = pushes().length;
    await rig.ok('PATCH', '/sites/site', { name: 'Testgata hurtiglading' });
    await inStep(rig, 'site');
    const patch = pushes().slice(before);
    expect(patch.map(line)).toEqual(['PATCH locations/NO/LDP/site']);
    expect(patch[0]?.body).toEqual({ name: 'Testgata hurtiglading', last_updated: expect.any(String) });
    await rig.ok('PATCH', '/sites/site', { facilities: [] });
    const copy = await inStep(rig, 'site');
    expect(copy.facilities).toBeUndefined();
    expect(pushes().slice(before + 1).map(line)).toEqual(['PUT locations/NO/LDP/site']);
    expect(rig.ap.receiver.problems).toEqual([]);
  });

  it('PATCHes each EVSE’s status as the station reports it', async () => {
    const before = pushes().length;
    cp = await rig.sys.connect('PUSH-1', 'ocpp1.6', { connectors: 2 });
    await eventually(() => uids.every((u) => statusesSent(rig.ap, u, before).at(-1) === 'AVAILABLE'), 'AVAILABLE pushed for both EVSEs');
    await cp.setFault(2, 'GroundFailure');
    await eventually(() => statusesSent(rig.ap, 'PUSHA2', before).at(-1) === 'OUTOFORDER', 'OUTOFORDER pushed');
    await cp.clearFault(2);
    await eventually(() => statusesSent(rig.ap, 'PUSHA2', before).at(-1) === 'AVAILABLE', 'AVAILABLE pushed again');
    expect(statusesSent(rig.ap, 'PUSHA2', before)).toEqual(['AVAILABLE', 'OUTOFORDER', 'AVAILABLE']);
    const patch = pushes().slice(before).find((p) => p.path === 'locations/NO/LDP/site/PUSHA2');
    expect(Object.keys(patch?.body ?? {}).sort()).toEqual(['last_updated', 'status']);
    await inStep(rig, 'site');
    expect(rig.ap.receiver.problems).toEqual([]);
  });

  it('sends everything anew, each object PUT whole, when the partner answers a PATCH with “unknown”', async () => {
    const tariffs = rig.ap.receiver.tariffIds();
    rig.ap.receiver.forget();
    const before = pushes().length;
    await cp.setFault(1, 'GroundFailure');
    const copy = await inStep(rig, 'site');
    expect((copy.evses as Evse[]).map((e) => e.status)).toEqual(['OUTOFORDER', 'AVAILABLE']);
    await eventually(() => rig.ap.receiver.tariffIds().join() === tariffs.join(), 'the Tariffs anew');
    expect(pushes().slice(before).map((p) => `${line(p)} ${p.answered}`)).toEqual(['PATCH locations/NO/LDP/site/PUSHA1 404', `PUT tariffs/NO/LDP/${tariffs[0]} 200`, 'PUT locations/NO/LDP/site 200']);
    await cp.clearFault(1);
    await eventually(() => statusesSent(rig.ap, 'PUSHA1', before).at(-1) === 'AVAILABLE', 'AVAILABLE again');
    expect(rig.ap.receiver.problems).toEqual([]);
  });

  it('on a new price, PUTs the new Tariff, PATCHes each Connector’s tariff_ids, then DELETEs the old Tariff', async () => {
    const [old] = rig.ap.receiver.tariffIds();
    const before = pushes().length;
    await rig.ok('POST', '/tariffs', { name: 'Dyrere', siteId: 'site', perKwhOre: 650 });
    const copy = await inStep(rig, 'site');
    const fresh = (copy.evses as Evse[])[0]?.connectors[0]?.tariff_ids[0] ?? '';
    expect(fresh).not.toBe(old);
    await eventually(() => rig.ap.receiver.tariffIds().join() === fresh, 'only the new Tariff at the access point');
    expect(pushes().slice(before).map(line)).toEqual([
      `PUT tariffs/NO/LDP/${fresh}`,
      ...uids.map((u) => `PATCH locations/NO/LDP/site/${u}/1`),
      `DELETE tariffs/NO/LDP/${old}`,
    ]);
    const patched = pushes().slice(before).find((p) => p.method === 'PATCH')?.body as Json;
    expect(patched).toEqual({ tariff_ids: [fresh], last_updated: expect.any(String) });
    expect((rig.ap.receiver.tariff(fresh)?.elements as Array<{ price_components: Array<{ type: string; price: number }> }>)[0]?.price_components[0]).toMatchObject({ type: 'ENERGY', price: 5.2 });
    expect(rig.ap.receiver.problems).toEqual([]);
    await inStep(rig, 'site', nap);
  });

  it('REMOVEs the EVSEs of a site no longer published, and pushes nothing to a partner that unregistered', async () => {
    expect((await rig.ap.unregister()).json).toMatchObject({ status_code: 1000 });
    const before = { ap: pushes().length, nap: nap.receiver.pushes.length };
    await rig.ok('PATCH', '/sites/site', { parkingType: null });
    await eventually(() => nap.receiver.pushes.length >= before.nap + 2, 'the EVSEs REMOVED at the hand-made partner');
    expect(nap.receiver.pushes.slice(before.nap).map((p) => `${line(p)} ${String(p.body?.status)}`)).toEqual(uids.map((u) => `PATCH locations/NO/LDP/site/${u} REMOVED`));
    await rig.sys.ladepay.planOcpiPushesNow();
    await rig.sys.ladepay.outboxWorker.drain();
    expect(pushes().length).toBe(before.ap);
    expect(nap.receiver.problems).toEqual([]);
  });
});
