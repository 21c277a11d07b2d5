import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/adapters/security/password-hash.ts';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { UserStore } from '../../src/adapters/storage/user-store.ts';
import type { ChargePoint } from '../../simulators/charge-point/index.ts';
import { ConsoleClient } from '../console/console-client.ts';
import { startSmtpReceiver, startWebhookReceiver } from '../support/alert-receivers.ts';
import { eventually } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// Alerts end to end: a rule's condition opens an alert that the console shows
// and Prometheus counts, sent to a real webhook receiver and a real SMTP
// server; it resolves when the condition is gone; a failing webhook is tried
// again until it answers.

const OWNER = { email: 'eier@example.no', password: 'owner-password-long' };
const OPERATOR = { email: 'vakt@example.no', password: 'operator-password-long' };
const VIEWER = { email: 'regnskap@example.no', password: 'viewer-password-long' };
const SECRET = 'alert-webhook-signing-secret';

let sys: TestSystem;
let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let station: ChargePoint;

type Sent = { event: string; alert: { id: string; rule: string; subject: string; summary: string; acknowledgedBy: string | null; resolvedAt: string | null } };
const sent = (status = 200): Sent[] => webhook.deliveries.filter((d) => d.status === status).map((d) => JSON.parse(d.body) as Sent);

async function loggedIn(who: { email: string; password: string }): Promise<ConsoleClient> {
  const client = new ConsoleClient(sys.ladepay.url);
  expect((await client.login(who.email, who.password)).status).toBe(303);
  return client;
}

beforeAll(async () => {
  webhook = await startWebhookReceiver();
  smtp = await startSmtpReceiver();
  sys = await startSystem({
    dialect: primaryDialect(),
    env: {
      ADMIN_EMAIL: OWNER.email,
      ADMIN_PASSWORD: OWNER.password,
      ALERT_WEBHOOK_URL: webhook.url,
      ALERT_WEBHOOK_SECRET: SECRET,
      SMTP_URL: smtp.url,
      ALERT_EMAIL_TO: 'drift@example.no,vakt@example.no',
      ALERT_EMAIL_FROM: 'ladepay@example.no',
      // Evaluated when the test says, not on a timer.
      ALERT_EVALUATE_SECONDS: '3600',
    },
  });
  const users = new UserStore(sys.ladepay.database.db);
  await users.create({ email: OPERATOR.email, passwordHash: await hashPassword(OPERATOR.password), role: 'operator' }, new Date());
  await users.create({ email: VIEWER.email, passwordHash: await hashPassword(VIEWER.password), role: 'viewer' }, new Date());
  await sys.addStation('ALERT-1', 'ocpp1.6', 'ALRTAA');
  station = await sys.connect('ALERT-1', 'ocpp1.6');
});

afterAll(async () => {
  await sys?.stop();
  await webhook?.stop();
  await smtp?.stop();
});

describe('a station offline longer than the threshold', () => {
  let alertId = '';

  it('opens an alert shown on the console home with a count, counted in /metrics, sent signed to the webhook and by mail', async () => {
    await sys.ladepay.evaluateAlertsNow();
    await station.goOffline();
    await eventually(async () => (await sys.ladepay.database.db.selectFrom('stations').select('online').where('id', '=', 'ALERT-1').executeTakeFirst())?.online === 0, 'ALERT-1 offline');
    await sys.advance(9 * 60_000);
    await sys.ladepay.evaluateAlertsNow();
    const viewer = await loggedIn(VIEWER);
    expect((await viewer.get('/console')).text).not.toContain('open alert');

    await sys.advance(2 * 60_000);
    await sys.ladepay.evaluateAlertsNow();
    const home = await viewer.get('/console');
    expect(home.text).toContain('1 open alert');
    expect(home.text).toContain('Station Lader ALERT-1 (ALERT-1) has been offline for more than 10 minutes');
    expect(home.text).toMatch(/id="open-alert-count"[^>]*>1</);
    const metrics = await (await fetch(`${sys.ladepay.url}/metrics`)).text();
    expect(metrics).toContain('ladepay_alerts_open{rule="station_offline"} 1');
    expect(metrics).toContain('ladepay_alerts_open{rule="connector_faulted"} 0');

    const delivery = await eventually(() => webhook.deliveries.find((d) => d.status === 200), 'the alert at the webhook');
    const body = JSON.parse(delivery.body) as Sent;
    expect(body).toMatchObject({ event: 'alert.opened', alert: { rule: 'station_offline', subject: 'ALERT-1', resolvedAt: null } });
    alertId = body.alert.id;
    const [t, v1] = String(delivery.headers['x-ladepay-signature']).split(',');
    const stamp = t?.replace('t=', '') ?? '';
    expect(v1).toBe(`v1=${createHmac('sha256', SECRET).update(`${stamp}.${delivery.body}`).digest('hex')}`);
    expect(delivery.headers['x-ladepay-delivery']).toBe(`alert-webhook-${alertId}-opened`);

    const mail = await eventually(() => smtp.mails[0], 'the alert by mail');
    expect(mail.from).toBe('ladepay@example.no');
    expect(mail.to).toEqual(['drift@example.no', 'vakt@example.no']);
    expect(mail.raw).toContain('Subject: [Ladepay] Alert: Station Lader ALERT-1 (ALERT-1) has been offline for more than 10 minutes');
    expect(mail.raw).toContain('Rule:     station_offline');
    expect(mail.raw).toContain('(Europe/Oslo)');
  });

  it('opens it once however often the rules run', async () => {
    await sys.ladepay.evaluateAlertsNow();
    await sys.ladepay.evaluateAlertsNow();
    await sys.ladepay.outboxWorker.drain();
    expect(sent().filter((s) => s.alert.rule === 'station_offline')).toHaveLength(1);
    expect(await sys.ladepay.database.db.selectFrom('alerts').select('id').where('rule', '=', 'station_offline').execute()).toHaveLength(1);
  });

  it('is acknowledged by an operator, not by a viewer, and the acknowledgement is in the audit log', async () => {
    const viewer = await loggedIn(VIEWER);
    const page = await viewer.get('/console/alerts');
    expect(page.text).not.toContain('>Acknowledge<');
    const refused = await viewer.post(`/console/alerts/${alertId}/acknowledge`, { _csrf: ConsoleClient.csrfOf(page.text) });
    expect(refused.status).toBe(403);

    const operator = await loggedIn(OPERATOR);
    const csrf = await operator.csrf('/console/alerts');
    const ack = await operator.post(`/console/alerts/${alertId}/acknowledge`, { _csrf: csrf });
    expect(ack.status).toBe(200);
    expect(ack.text).toContain(`console:${OPERATOR.email}`);
    expect((await operator.post(`/console/alerts/${alertId}/acknowledge`, { _csrf: csrf })).status).toBe(409);
    const owner = await loggedIn(OWNER);
    const audit = await owner.get('/console/audit?action=alert.acknowledge');
    expect(audit.text).toContain(`console:${OPERATOR.email}`);
    expect(audit.text).toContain(alertId);
  });

  it('resolves when the station is back, and the resolution is sent too', async () => {
    await station.goOnline();
    await eventually(async () => (await sys.ladepay.database.db.selectFrom('stations').select('online').where('id', '=', 'ALERT-1').executeTakeFirst())?.online === 1, 'ALERT-1 online');
    await sys.ladepay.evaluateAlertsNow();
    const resolved = await eventually(() => sent().find((s) => s.event === 'alert.resolved' && s.alert.id === alertId), 'the resolution at the webhook');
    expect(resolved.alert.acknowledgedBy).toBe(`console:${OPERATOR.email}`);
    expect(resolved.alert.resolvedAt).not.toBeNull();
    await eventually(() => smtp.mails.find((m) => m.raw.includes('Subject: [Ladepay] Resolved: Station Lader ALERT-1')), 'the resolution by mail');
    const page = await (await loggedIn(VIEWER)).get('/console/alerts');
    expect(page.text).toContain('No open alerts.');
    expect(page.text).not.toContain('id="open-alert-count"');
    expect(await (await fetch(`${sys.ladepay.url}/metrics`)).text()).toContain('ladepay_alerts_open{rule="station_offline"} 0');
  });
});

describe('a faulted connector', () => {
  it('opens an alert with the error code the station reported, and resolves when the fault clears', async () => {
    await station.setFault(1, 'GroundFailure');
    await eventually(async () => (await sys.ladepay.database.db.selectFrom('connectors').select('status').where('code', '=', 'ALRTAA').executeTakeFirst())?.status === 'faulted', 'connector faulted');
    await sys.advance(6 * 60_000);
    await sys.ladepay.evaluateAlertsNow();
    const opened = await eventually(() => sent().find((s) => s.alert.rule === 'connector_faulted'), 'the fault at the webhook');
    expect(opened.alert.summary).toBe('Connector ALRTAA (#1 of ALERT-1) is faulted: GroundFailure');

    // The same alert through the API: read by a viewer token, acknowledged by an operator's.
    const store = new ApiTokenStore(sys.ladepay.database.db);
    const viewer = (await store.create('wallboard', new Date(), 'viewer')).token;
    const operator = (await store.create('on-call', new Date(), 'operator')).token;
    const call = async (method: string, path: string, token: string) => {
      const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const list = await call('GET', '/alerts', viewer);
    expect(list.status).toBe(200);
    expect(list.json.open).toEqual([expect.objectContaining({ id: opened.alert.id, rule: 'connector_faulted', acknowledgedBy: null })]);
    expect((await call('POST', `/alerts/${opened.alert.id}/acknowledge`, viewer)).status).toBe(403);
    const ack = await call('POST', `/alerts/${opened.alert.id}/acknowledge`, operator);
    expect(ack).toEqual({ status: 200, json: expect.objectContaining({ id: opened.alert.id, acknowledgedBy: 'api:on-call' }) });
    expect((await call('POST', `/alerts/${opened.alert.id}/acknowledge`, operator)).status).toBe(409);
    expect((await call('POST', '/alerts/no-such-alert/acknowledge', operator)).status).toBe(404);
    const docs = (await (await fetch(`${sys.ladepay.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/api/v1/alerts', '/api/v1/alerts/{id}/acknowledge']));

    await station.clearFault(1);
    await eventually(async () => (await sys.ladepay.database.db.selectFrom('connectors').select('status').where('code', '=', 'ALRTAA').executeTakeFirst())?.status !== 'faulted', 'fault cleared');
    await sys.ladepay.evaluateAlertsNow();
    await eventually(() => sent().find((s) => s.alert.rule === 'connector_faulted' && s.event === 'alert.resolved'), 'the fault resolved');
  });
});

describe('a webhook that fails', () => {
  it('is tried again until it answers, the same delivery each time; meanwhile the deliveries are an alert of their own', async () => {
    webhook.failing = true;
    const before = webhook.deliveries.length;
    // A side effect nobody can run: dead at its first attempt.
    await sys.ladepay.outbox.enqueue(sys.ladepay.database.db, { kind: 'no_such_kind', key: 'alert-test-dead', payload: {} }, sys.now());
    await sys.ladepay.outboxWorker.drain();
    await sys.ladepay.evaluateAlertsNow();
    const attempts = await eventually(() => {
      const tried = webhook.deliveries.slice(before).filter((d) => JSON.parse(d.body).alert.rule === 'outbox_dead');
      return tried.length >= 3 && tried;
    }, 'three failed attempts');
    expect(new Set(attempts.map((d) => d.headers['x-ladepay-delivery'])).size).toBe(1);
    expect(attempts.every((d) => d.status === 503)).toBe(true);

    // The third failure is written to the outbox after the webhook has answered it: evaluated until it is seen.
    const failing = await eventually(async () => {
      await sys.ladepay.evaluateAlertsNow();
      return sys.ladepay.database.db.selectFrom('alerts').selectAll().where('rule', '=', 'webhook_failing').where('resolved_at', 'is', null).executeTakeFirst();
    }, 'the failing deliveries an alert');
    expect(failing.summary).toMatch(/alert deliver(y is|ies are) failing/);
    // The mail still gets through.
    await eventually(() => smtp.mails.find((m) => m.raw.includes('Subject: [Ladepay] Alert:') && m.raw.includes('failing')), 'the failing deliveries by mail');

    webhook.failing = false;
    const delivered = await eventually(() => sent().find((s) => s.alert.rule === 'outbox_dead'), 'the dead side effect delivered at last');
    expect(delivered.event).toBe('alert.opened');
    await sys.ladepay.evaluateAlertsNow();
    await eventually(() => sent().find((s) => s.alert.rule === 'webhook_failing' && s.event === 'alert.resolved'), 'the failing deliveries resolved');
  });
});

describe('thresholds', () => {
  it('are changed by an owner (recorded in the audit log), refused with a message when wrong, and not changed by an operator', async () => {
    const owner = await loggedIn(OWNER);
    const csrf = await owner.csrf('/console/alerts');
    const form = {
      _csrf: csrf,
      stationOfflineMinutes: '30',
      connectorFaultedMinutes: '5',
      deliveryFailedAttempts: '3',
      vippsErrorRatePercent: '20',
      vippsMinCalls: '10',
      vippsWindowMinutes: '15',
      sessionFlagHours: '24',
    };
    const bad = await owner.post('/console/alerts/settings', { ...form, stationOfflineMinutes: '0' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('A whole number from 1 to 10080.');
    const saved = await owner.post('/console/alerts/settings', { ...form, off: 'vipps_errors' });
    expect(saved.status).toBe(200);
    expect(saved.text).toMatch(/name="stationOfflineMinutes"[^>]*value="30"/);
    expect(saved.text).toMatch(/value="vipps_errors" checked/);
    const audit = await owner.get('/console/audit?action=alert.thresholds');
    expect(audit.text).toContain('&quot;stationOfflineMinutes&quot;:30');

    const operator = await loggedIn(OPERATOR);
    const refused = await operator.post('/console/alerts/settings', { ...form, _csrf: await operator.csrf('/console/alerts'), stationOfflineMinutes: '999' });
    expect(refused.status).toBe(403);
    expect((await owner.get('/console/alerts')).text).toMatch(/name="stationOfflineMinutes"[^>]*value="30"/);
  });
});
