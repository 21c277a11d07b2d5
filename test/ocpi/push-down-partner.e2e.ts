import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargePoint } from '../../simulators/charge-point/index.ts';
import { hashPassword } from '../../src/adapters/security/password-hash.ts';
import { UserStore } from '../../src/adapters/storage/user-store.ts';
import { ConsoleClient } from '../console/console-client.ts';
import { captureLog, type CapturedLog } from '../security/log-lines.ts';
import { metricValue } from '../security/metric-value.ts';
import { eventually } from '../support/eventually.ts';
import type { ReceiverMood } from '../support/ocpi-receiver.ts';
import { testDialects } from '../support/test-database.ts';
import { completeSite, inStep, startPushRig, statusesSent, type PushRig } from './push-rig.ts';

// OCPI 2.2.1 EVSE status of an OCPP 1.6 connector status, as docs/feed-mapping.md
// tabulates it (CHARGING is "in use": a car plugged in is CHARGING too).
const OCPI_STATUS: Record<string, string> = {
  Available: 'AVAILABLE',
  Preparing: 'CHARGING',
  Charging: 'CHARGING',
  SuspendedEV: 'CHARGING',
  SuspendedEVSE: 'CHARGING',
  Finishing: 'BLOCKED',
  Reserved: 'RESERVED',
  Unavailable: 'INOPERATIVE',
  Faulted: 'OUTOFORDER',
};

const VIEWER = { email: 'les@example.no', password: 'les-passord-123' };
const FAILING = 'OCPI pushes to a partner fail: retried with backoff until it takes them';
const BACK = 'OCPI pushes to a partner go through again';

// A partner that is down through a whole paid charge: first it answers 503,
// then garbage, then nothing at all, over several rounds of retries (the
// backoff shortened). Charging and payment never wait for it: the charge is
// paid, settled and captured as usual. The failures are counted and shown,
// logged once for the streak; once the partner is back every change of the
// charge arrives, in order.
describe.each(testDialects())('a partner down during a paid charge, on %s', (dialect) => {
  let rig: PushRig;
  let log: CapturedLog;
  let cp: ChargePoint;
  const uid = 'DOWNA1';

  beforeAll(async () => {
    log = captureLog('info');
    rig = await startPushRig(dialect, { logger: log.logger, env: { OCPI_PUSH_RETRY_FIRST_MS: '100', OCPI_PUSH_RETRY_MAX_MS: '400', OCPI_PUSH_TIMEOUT_MS: '2000' } });
    await rig.sys.addStation('DOWN-1', 'ocpp1.6', uid);
    await completeSite(rig, ['DOWN-1-1']);
    cp = await rig.sys.connect('DOWN-1', 'ocpp1.6');
    await eventually(() => statusesSent(rig.ap, uid).at(-1) === 'AVAILABLE', 'AVAILABLE at the access point');
    await inStep(rig, 'site');
  });
  afterAll(async () => rig?.stop());

  const lines = (msg: string) => log.lines().filter((l) => l.msg === msg);

  // Switches the access point's mood, then waits for that many pushes to have met it.
  async function down(mood: ReceiverMood, attempts: number): Promise<void> {
    const from = rig.ap.receiver.pushes.length;
    rig.ap.receiver.mood = mood;
    await eventually(() => rig.ap.receiver.pushes.length - from >= attempts, `${attempts} pushes to meet a partner that is ${mood}`);
  }

  it('charges, settles and captures while the partner fails, and gets it every change in order once it is back', async () => {
    const since = rig.ap.receiver.pushes.length;
    const reported: string[] = [];
    cp.on('statusChanged', (_no, status) => reported.push(String(status)));
    const failuresBefore = await metricValue(rig.sys.ladepay.url, 'ladepay_ocpi_push_failures_total', { module: 'locations' });

    rig.ap.receiver.mood = 'unavailable';
    await cp.plugIn(1, { socPercent: 40 });
    const started = await rig.sys.ladepay.driver.startDropIn({ connectorCode: uid, maxAmountOre: 35_000, method: 'WALLET' });
    if (!started.ok) throw new Error(JSON.stringify(started));
    rig.sys.vipps.phone.approve((await rig.sys.session(started.token)).reference);
    await rig.sys.waitForState(started.token, 'charging');
    await down('unavailable', 3);
    await down('garbage', 3);
    await cp.tick(20 * 60 * 1000);
    await down('silent', 2);
    expect(await rig.sys.ladepay.driver.stop(started.token)).toEqual({ ok: true });
    const settled = await rig.sys.waitForState(started.token, 'settled');
    await cp.unplug(1);

    // The charge went on as if no partner existed.
    expect(settled.capturedOre).toBeGreaterThan(0);
    expect(settled.capturedOre).toBe(settled.priced?.totalOre);
    expect(settled.capturedOre + settled.cancelledOre).toBe(35_000);
    expect(rig.sys.vipps.books(settled.reference)?.payment.aggregate.capturedAmount.value).toBe(settled.capturedOre);

    // Nothing got through; every failure counted, one line in the log for the streak.
    expect(statusesSent(rig.ap, uid, since)).toEqual([]);
    const partner = (await rig.ocpi.admin.list()).find((p) => p.name === 'Test access point');
    expect(partner?.push.failures).toBeGreaterThanOrEqual(8);
    expect(partner?.push.lastError).toMatch(/no answer|without an OCPI response|HTTP 503/);
    expect(partner?.push.queued).toBeGreaterThanOrEqual(2);
    expect(await metricValue(rig.sys.ladepay.url, 'ladepay_ocpi_push_failures_total', { module: 'locations' })).toBeGreaterThanOrEqual(failuresBefore + 8);
    expect(lines(FAILING)).toHaveLength(1);
    // The console's Data sharing page says so: the last push before it went down, the failures with the last one's words, the queue waiting.
    const [lastPush, failures, queued, delay] = await consoleRow(rig);
    expect(lastPush).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/); // the AVAILABLE before it went down
    expect(failures).toMatch(/^\d+ <span class="muted">last failure: /);
    expect(Number(queued)).toBeGreaterThanOrEqual(2);
    expect(delay).toMatch(/^oldest waiting [\d.]+ s$/);

    rig.ap.receiver.mood = 'normal';
    const expected = reported.map((s) => OCPI_STATUS[s] ?? `? ${s}`).filter((s, i, all) => s !== (i === 0 ? 'AVAILABLE' : all[i - 1]));
    expect(expected).toEqual(['CHARGING', 'BLOCKED', 'AVAILABLE']);
    await eventually(() => statusesSent(rig.ap, uid, since).length >= expected.length, 'every change at the access point');
    expect(statusesSent(rig.ap, uid, since)).toEqual(expected);
    await inStep(rig, 'site');
    expect(rig.ap.receiver.problems).toEqual([]);
    await eventually(() => lines(BACK).length === 1, 'the streak’s end in the log');
    expect(lines(FAILING)).toHaveLength(1);
    expect(lines(BACK)[0]).toMatchObject({ partner: 'Test access point', failures: expect.any(Number) });
    const after = await eventually(async () => (await rig.ocpi.admin.list()).find((p) => p.name === 'Test access point' && p.push.queued === 0), 'the queue empty');
    expect(after.push).toMatchObject({ failures: 0, lastAt: expect.any(String), lastDelayMs: expect.any(Number) });
    const [, failuresNow, queuedNow, delayNow] = await consoleRow(rig);
    expect([failuresNow?.split(' ')[0], queuedNow]).toEqual(['0', '0']);
    expect(delayNow).toMatch(/^[\d.]+ s$/);
  });
});

// The access point's push cells on the console's Data sharing page, as a viewer reads it.
async function consoleRow(rig: PushRig): Promise<string[]> {
  const users = new UserStore(rig.sys.ladepay.database.db);
  if (!(await users.byEmail(VIEWER.email))) await users.create({ email: VIEWER.email, passwordHash: await hashPassword(VIEWER.password), role: 'viewer' }, new Date());
  const client = new ConsoleClient(rig.sys.ladepay.url);
  expect((await client.login(VIEWER.email, VIEWER.password)).status).toBe(303);
  const page = await client.get('/console/data-sharing');
  const row = /<tr><td>Test access point<\/td>.*?<td>2\.2\.1<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/.exec(page.text);
  if (!row) throw new Error(`no row for the access point in ${page.text}`);
  return row.slice(1);
}
