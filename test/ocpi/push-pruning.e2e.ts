import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { testDialects } from '../support/test-database.ts';
import { completeSite, inStep, startPushRig, type PushRig } from './push-rig.ts';

// Every status change is a push in the outbox: the pushes a partner took are
// deleted a day later by the hourly pruning, and a session's items are kept
// (their keys stop a replayed state change from running an effect twice).
describe.each(testDialects())('the outbox pruned of old pushes on %s', (dialect) => {
  let rig: PushRig;

  beforeAll(async () => {
    rig = await startPushRig(dialect);
    await rig.sys.addStation('PRUNE-1', 'ocpp1.6', 'PRUNE1');
  });
  afterAll(async () => rig?.stop());

  const kinds = async () => {
    const rows = await rig.sys.database.db.selectFrom('outbox').select(['kind', 'state']).execute();
    return rows.map((r) => `${r.kind}:${r.state}`);
  };

  it('deletes the pushes done a day ago and keeps newer ones and every other kind', async () => {
    await completeSite(rig, ['PRUNE-1-1']);
    await rig.sys.ladepay.planOcpiPushesNow();
    await inStep(rig, 'site');
    const done = await eventually(async () => {
      const all = await kinds();
      return all.length > 0 && all.every((k) => k.endsWith(':done')) ? all : undefined;
    }, 'every push taken');
    expect(done.filter((k) => k.startsWith('ocpi.push:')).length).toBeGreaterThan(0);
    await rig.sys.ladepay.outbox.enqueueNow({ kind: 'session.capture', key: 'kept-session-item', payload: {} }, rig.sys.now());
    await rig.sys.database.db.updateTable('outbox').set({ state: 'done' }).where('key', '=', 'kept-session-item').execute();

    await rig.sys.ladepay.pruneNow();
    expect((await kinds()).filter((k) => k.startsWith('ocpi.push:'))).toEqual(done.filter((k) => k.startsWith('ocpi.push:')));

    await rig.sys.advance(25 * 3_600_000);
    await rig.sys.ladepay.pruneNow();
    expect(await kinds()).toEqual(['session.capture:done']);
  });
});
