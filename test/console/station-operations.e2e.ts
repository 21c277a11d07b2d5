import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargePoint } from '../../simulators/charge-point/index.ts';
import type { Role } from '../../src/core/operator-role.ts';
import { eventually, WAIT_LIMIT_MS } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { chargeUntil } from './settled-session.ts';
import { bootedAgain, callApi, roleTokens } from './station-operations-api.ts';

// Every remote operation through the API against the charge-point simulator,
// on both protocols, over real sockets: the station's answer in the reply, in
// the audit log and on the station's operations list.

let sys: TestSystem;
let tokens: Record<Role, string>;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect() });
  tokens = await roleTokens(sys);
});
afterAll(async () => sys?.stop());

const api = (method: string, path: string, body?: unknown) => callApi(sys, tokens.operator, method, path, body);
const frameFrom = (cp: ChargePoint, action: string) =>
  cp.waitFor((f) => f.dir === 'out' && f.message[0] === 2 && f.message[2] === action, WAIT_LIMIT_MS, { includePast: false });

const PROTOCOLS = [
  { protocol: 'ocpp1.6', id: 'OPS16', code: 'OPSA16', heartbeat: 'HeartbeatInterval', rebootKey: 'WebSocketPingInterval', readOnly: 'NumberOfConnectors', unknown: 'NoSuchKey', unknownStatus: 'NotSupported', logAction: 'DiagnosticsStatusNotification' },
  { protocol: 'ocpp2.0.1', id: 'OPS201', code: 'OPSA21', heartbeat: 'OCPPCommCtrlr.HeartbeatInterval', rebootKey: 'OCPPCommCtrlr.WebSocketPingInterval', readOnly: 'TxCtrlr.TxStartPoint', unknown: 'OCPPCommCtrlr.NoSuchVariable', unknownStatus: 'UnknownVariable', logAction: 'LogStatusNotification' },
] as const;

describe.each(PROTOCOLS)('station operations on $protocol', (p) => {
  let cp: ChargePoint;

  beforeAll(async () => {
    await sys.addStation(p.id, p.protocol, p.code);
    cp = await sys.connect(p.id, p.protocol, { serialNumber: `SN-${p.id}-7` });
  });

  it('shows what the station reported of itself: vendor, model, serial, firmware and last boot', async () => {
    const st = (await api('GET', `/stations/${p.id}`)).json;
    expect(st).toMatchObject({ vendor: 'Ladepay', model: 'SimCharger', firmware: 'sim-1.0.0', serialNumber: `SN-${p.id}-7` });
    expect(Date.parse(String(st.lastBootAt))).toBeGreaterThan(0);
  });

  it('resets the station softly: it accepts, boots again and comes back', async () => {
    const before = (await api('GET', `/stations/${p.id}`)).json.lastBootAt;
    const r = await api('POST', `/stations/${p.id}/reset`, { type: 'soft' });
    expect(r).toEqual({ status: 200, json: { outcome: 'accepted', status: 'Accepted', message: 'The station accepted the reset (Accepted).' } });
    await bootedAgain(sys, tokens.operator, p.id, before);
    await eventually(() => cp.isOnline(), `${p.id} back online`);
  });

  it('unlocks a connector', async () => {
    const r = await api('POST', `/stations/${p.id}/unlock`, { connectorNo: 1 });
    expect(r.json).toMatchObject({ outcome: 'accepted', status: 'Unlocked' });
    expect((await api('POST', `/stations/${p.id}/unlock`, { connectorNo: 7 })).json).toEqual({ error: 'bad_request', message: 'The station has no connector 7.' });
  });

  it('makes a connector unavailable and available again, as the station then reports', async () => {
    const status = async () => ((await api('GET', `/stations/${p.id}`)).json.connectors as Array<{ status: string }>)[0]?.status;
    expect((await api('POST', `/stations/${p.id}/availability`, { connectorNo: 1, available: false })).json).toMatchObject({ outcome: 'accepted', status: 'Accepted' });
    await eventually(async () => (await status()) === 'unavailable', 'connector unavailable');
    expect(cp.connector(1).status).toBe('Unavailable');
    expect((await api('POST', `/stations/${p.id}/availability`, { available: true })).json).toMatchObject({ outcome: 'accepted' });
    expect((await api('POST', `/stations/${p.id}/availability`, { connectorNo: 1, available: true })).json).toMatchObject({ outcome: 'accepted' });
    await eventually(async () => (await status()) === 'available', 'connector available');
  });

  it('reads the configuration, all of it and one key, with an answer per key', async () => {
    const all = await api('GET', `/stations/${p.id}/configuration`);
    expect(all.status).toBe(200);
    expect(all.json.entries).toEqual(expect.arrayContaining([expect.objectContaining({ key: p.heartbeat, value: '300', status: 'Accepted' })]));
    const some = await api('GET', `/stations/${p.id}/configuration?key=${p.heartbeat}&key=${p.unknown}`);
    expect(some.json.entries).toEqual([
      expect.objectContaining({ key: p.heartbeat, value: '300', status: 'Accepted' }),
      expect.objectContaining({ key: p.unknown, status: p.unknownStatus }),
    ]);
  });

  it('changes one key: accepted, one that needs a reboot, a read-only one refused, an unknown one', async () => {
    expect((await api('PUT', `/stations/${p.id}/configuration`, { key: p.heartbeat, value: '120' })).json).toMatchObject({ outcome: 'accepted', status: 'Accepted' });
    const read = await api('GET', `/stations/${p.id}/configuration?key=${p.heartbeat}`);
    expect(read.json.entries).toEqual([expect.objectContaining({ value: '120' })]);
    expect((await api('PUT', `/stations/${p.id}/configuration`, { key: p.rebootKey, value: '60' })).json).toMatchObject({ outcome: 'accepted', status: 'RebootRequired' });
    expect((await api('PUT', `/stations/${p.id}/configuration`, { key: p.readOnly, value: '9' })).json).toMatchObject({ outcome: 'rejected', status: 'Rejected' });
    expect((await api('PUT', `/stations/${p.id}/configuration`, { key: p.unknown, value: '1' })).json).toMatchObject({ outcome: 'rejected', status: p.unknownStatus });
    // Passwords go through the station door, never as a plain key.
    if (p.protocol === 'ocpp2.0.1') expect((await api('PUT', `/stations/${p.id}/configuration`, { key: 'HeartbeatInterval', value: '1' })).status).toBe(400);
    const password = await api('PUT', `/stations/${p.id}/configuration`, { key: p.protocol === 'ocpp1.6' ? 'AuthorizationKey' : 'SecurityCtrlr.BasicAuthPassword', value: 'x' });
    expect(password.status).toBe(400);
  });

  it('triggers messages: the station sends them', async () => {
    const status = frameFrom(cp, 'StatusNotification');
    expect((await api('POST', `/stations/${p.id}/trigger`, { message: 'StatusNotification', connectorNo: 1 })).json).toMatchObject({ outcome: 'accepted', status: 'Accepted' });
    await status;
    const heartbeat = frameFrom(cp, 'Heartbeat');
    expect((await api('POST', `/stations/${p.id}/trigger`, { message: 'Heartbeat' })).json).toMatchObject({ outcome: 'accepted' });
    await heartbeat;
    const log = frameFrom(cp, p.logAction);
    expect((await api('POST', `/stations/${p.id}/trigger`, { message: 'DiagnosticsStatusNotification' })).json).toMatchObject({ outcome: 'accepted' });
    expect((await log)[3]).toEqual({ status: 'Idle' });
  });

  it('updates the firmware; its progress is kept and listed in order', async () => {
    const r = await api('POST', `/stations/${p.id}/firmware`, { location: 'https://files.example.com/fw-2.0.bin' });
    expect(r.status).toBe(200);
    expect(r.json.outcome).toBe('accepted');
    if (p.protocol === 'ocpp2.0.1') expect(r.json).toMatchObject({ status: 'Accepted', requestId: expect.any(Number) });
    const steps = await eventually(async () => {
      const t = ((await api('GET', `/stations/${p.id}/operations`)).json.transfers as Array<{ kind: string; status: string; requestId?: number }>).filter((x) => x.kind === 'firmware');
      return t[0]?.status === 'Installed' && t.slice(0, 4).reverse();
    }, 'firmware installed');
    expect(steps.map((s) => s.status)).toEqual(['Downloading', 'Downloaded', 'Installing', 'Installed']);
    if (p.protocol === 'ocpp2.0.1') expect(steps.every((s) => s.requestId === r.json.requestId)).toBe(true);
  });

  it('uploads diagnostics; the station names the file and reports the upload', async () => {
    const r = await api('POST', `/stations/${p.id}/diagnostics`, { location: 'sftp://logs.example.com/upload' });
    expect(r.json).toMatchObject({ outcome: 'accepted', fileName: expect.stringMatching(new RegExp(`^${p.id}-.*\\.log$`)) });
    const steps = await eventually(async () => {
      const t = ((await api('GET', `/stations/${p.id}/operations`)).json.transfers as Array<{ kind: string; status: string }>).filter((x) => x.kind === 'diagnostics');
      return t[0]?.status === 'Uploaded' && t.slice(0, 2).reverse();
    }, 'diagnostics uploaded');
    // (An Idle before them is the triggered notification of the test before.)
    expect(steps.map((s) => s.status)).toEqual(['Uploading', 'Uploaded']);
  });

  it('refuses bad input with a clear message and sends nothing', async () => {
    expect((await api('POST', `/stations/${p.id}/firmware`, { location: 'javascript:alert(1)' })).json).toEqual({ error: 'bad_request', message: 'The location must be an http(s), ftp(s) or sftp URL.' });
    expect((await api('POST', `/stations/${p.id}/reset`, { type: 'medium' })).status).toBe(400);
    expect((await api('POST', '/stations/NO-SUCH/reset', { type: 'soft' })).status).toBe(404);
  });

  it('records every operation with the station’s answer, listed newest first', async () => {
    const h = (await api('GET', `/stations/${p.id}/operations`)).json.operations as Array<{ action: string; outcome: string; detail: Record<string, unknown>; actor: string }>;
    expect(h[0]).toMatchObject({ action: 'station.diagnostics_upload', outcome: 'accepted', actor: 'api:operator-ops' });
    expect(h).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'station.configuration_change', outcome: 'accepted', detail: expect.objectContaining({ key: p.rebootKey, answer: 'RebootRequired' }) })]));
    const audit = await callApi(sys, tokens.owner, 'GET', '/audit?action=station.reset');
    expect(audit.json.records).toEqual(
      expect.arrayContaining([expect.objectContaining({ subjectId: p.id, outcome: 'accepted', actor: 'api:operator-ops', address: '127.0.0.1', detail: { kind: 'soft', answer: 'Accepted' } })]),
    );
  });
});

describe('a station that is not connected', () => {
  it('answers "station offline", sends nothing and records the attempt', async () => {
    await sys.addStation('OPS-OFF', 'ocpp1.6', 'OPSOFF');
    const r = await api('POST', '/stations/OPS-OFF/reset', { type: 'hard' });
    expect(r).toEqual({ status: 409, json: { error: 'conflict', message: 'The station is offline; nothing was sent.' } });
    const h = (await api('GET', '/stations/OPS-OFF/operations')).json.operations;
    expect(h).toEqual([expect.objectContaining({ action: 'station.reset', outcome: 'offline' })]);
  });
});

// A reset or "make unavailable" asks first when a session is charging, and
// the session is never left unsettled: the station's stop (or its boot, when
// it lost the transaction) settles it on what was delivered.
describe('operations on a station with a session charging', () => {
  const CASES = [
    { name: '1.6, the station stops it (HardReset)', protocol: 'ocpp1.6', id: 'CHG16', code: 'CHGA16', lose: false },
    { name: '2.0.1, the station stops it (ImmediateReset)', protocol: 'ocpp2.0.1', id: 'CHG201', code: 'CHGA21', lose: false },
    { name: '1.6, the station loses it and boots', protocol: 'ocpp1.6', id: 'LOST16', code: 'LOSTA1', lose: true },
  ] as const;

  it.each(CASES)('a hard reset mid-charge is confirmed first and ends with the session settled ($name)', async (c) => {
    await sys.addStation(c.id, c.protocol, c.code);
    const cp = await sys.connect(c.id, c.protocol, { resetLosesTransactions: c.lose });
    const charging = await chargeUntil(sys, cp, c.code, { minutes: 5, end: 'charging' });

    const unconfirmed = await api('POST', `/stations/${c.id}/reset`, { type: 'hard' });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.json).toEqual({
      error: 'conflict',
      message: 'A session is charging at this station (connector 1). The station ends it when it acts on this, and the session is settled on what was delivered. Send "confirm": true to go ahead.',
      details: [{ sessionId: charging.id, connectorNo: 1 }],
    });
    const unavailable = await api('POST', `/stations/${c.id}/availability`, { connectorNo: 1, available: false });
    expect(unavailable.status).toBe(409);
    expect((await sys.ladepay.repo.byId(charging.id))?.session.state).toBe('charging');

    const before = (await api('GET', `/stations/${c.id}`)).json.lastBootAt;
    const r = await api('POST', `/stations/${c.id}/reset`, { type: 'hard', confirm: true });
    expect(r.json).toMatchObject({ outcome: 'accepted', status: 'Accepted' });
    await bootedAgain(sys, tokens.operator, c.id, before);
    // A lost transaction waits out the grace for the station's own stop (docs/session-states.md, rule 9).
    if (c.lose) await sys.advance(25_000);
    const settled = await sys.waitForState(charging.token, 'settled');
    expect(settled.capturedOre).toBeGreaterThan(0);
    // The station's own stop ended it (HardReset and ImmediateReset read as a reboot), or its boot did.
    const events = JSON.stringify(await sys.ladepay.repo.events(charging.id));
    expect(events).toContain(c.lose ? 'station_rebooted' : '"reason":"reboot"');
    const h = (await api('GET', `/stations/${c.id}/operations`)).json.operations;
    expect(h).toEqual([expect.objectContaining({ action: 'station.reset', outcome: 'accepted', detail: { kind: 'hard', answer: 'Accepted', confirmed: true } })]);
  });
});
