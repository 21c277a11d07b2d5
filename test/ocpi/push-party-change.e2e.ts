import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startLadepay, type RunningLadepay } from '../../src/start-ladepay.ts';
import { eventually } from '../support/eventually.ts';
import { testDialects } from '../support/test-database.ts';
import { completeSite, inStep, startPushRig, type PushRig } from './push-rig.ts';

type Json = Record<string, unknown>;
type Evse = { uid: string; status: string; connectors: Array<{ tariff_ids?: string[] }> };

// The operator's OCPI party id changes (OCPI_PARTY_ID, a restart): a partner
// files Ladepay's objects under the party, so it is told the Location under
// the old party is gone (its EVSEs REMOVED) and given it whole under the new
// one, and its Tariffs moved (PUT under the new party, DELETEd under the old).
describe.each(testDialects())('a new OCPI party id pushed on %s', (dialect) => {
  let rig: PushRig;
  let moved: RunningLadepay | undefined;

  beforeAll(async () => {
    rig = await startPushRig(dialect);
    await rig.sys.addStation('PARTY-1', 'ocpp1.6', 'PARTY1', ['PARTY2']);
  });
  afterAll(async () => {
    await moved?.stop();
    await rig?.stop();
  });

  it('removes the Location and Tariffs under the old party and puts them under the new one', async () => {
    await completeSite(rig, ['PARTY-1-1', 'PARTY-1-2']);
    await rig.sys.ladepay.planOcpiPushesNow();
    await inStep(rig, 'site');
    const receiver = rig.ap.receiver;
    const before = receiver.locationAt('NO', 'LDP', 'site') as Json & { evses: Evse[] };
    const tariffIds = receiver.tariffIds();
    expect(tariffIds.length).toBeGreaterThan(0);
    const pushedBefore = receiver.pushes.length;

    await rig.sys.ladepay.stop();
    moved = await startLadepay(loadConfig({ ...rig.sys.env, OCPI_PARTY_ID: 'XYZ' }, 'serve'), { logger: pino({ level: 'silent' }), now: () => rig.sys.now(), outboxPollMs: 100 });
    await moved.planOcpiPushesNow();

    const after = await eventually(() => {
      const held = receiver.locationAt('NO', 'XYZ', 'site') as (Json & { evses: Evse[] }) | undefined;
      const old = receiver.locationAt('NO', 'LDP', 'site') as (Json & { evses: Evse[] }) | undefined;
      const tariffsMoved = tariffIds.every((id) => receiver.tariffAt('NO', 'XYZ', id) && !receiver.tariffAt('NO', 'LDP', id));
      return held && old?.evses.every((e) => e.status === 'REMOVED') && tariffsMoved ? held : undefined;
    }, 'the Location and Tariffs under the new party, the old EVSEs REMOVED');
    expect(after.party_id).toBe('XYZ');
    expect(after.evses.map((e) => e.uid).sort()).toEqual(before.evses.map((e) => e.uid).sort());
    expect(after.evses.map((e) => e.status)).not.toContain('REMOVED');
    expect(after.evses.flatMap((e) => e.connectors.flatMap((c) => c.tariff_ids ?? [])).every((id) => receiver.tariffAt('NO', 'XYZ', id))).toBe(true);
    // New Tariffs before the Location that names them; the old ones DELETEd after; nothing refused.
    const lines = receiver.pushes.slice(pushedBefore).map((p) => `${p.method} ${p.path}`);
    const firstPut = lines.findIndex((l) => l.startsWith('PUT locations/NO/XYZ/site'));
    expect(lines.findIndex((l) => l.startsWith('PUT tariffs/NO/XYZ/'))).toBeLessThan(firstPut);
    expect(lines.filter((l) => l.startsWith('DELETE tariffs/NO/LDP/'))).toHaveLength(tariffIds.length);
    expect(receiver.pushes.slice(pushedBefore).every((p) => p.accepted)).toBe(true);
    expect(receiver.problems).toEqual([]);
  });
});
