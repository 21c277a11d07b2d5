import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationKeyOctets } from '../../src/adapters/security/station-secret.ts';
import { hashPassword } from '../../src/adapters/security/password-hash.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { ConsoleClient } from '../console/console-client.ts';
import { eventually } from '../support/eventually.ts';
import { STATION_PASSWORD, startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { startPasswordKeepingStation, type PasswordAnswer } from './password-keeping-station.ts';
import { upgradeFrom } from './upgrade-from.ts';

// An operator changes a station's OCPP password from the console: Ladepay
// makes a new one, sends it over OCPP, and the station comes back with it.
const ADMIN = { email: 'drift@example.no', password: 'a-long-console-password' };
const ELSEWHERE = '127.0.0.9'; // checks from an address of their own

let sys: TestSystem;
let ocppUrl: string;
let console_: ConsoleClient;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  ocppUrl = `${sys.ladepay.url.replace(/^http/, 'ws')}/ocpp`;
  console_ = new ConsoleClient(sys.ladepay.url);
  expect((await console_.login(ADMIN.email, ADMIN.password)).status).toBe(303);
});

afterAll(async () => {
  await sys.stop();
});

async function online(stationId: string): Promise<void> {
  await eventually(async () => (await new StationStore(sys.ladepay.database.db).station(stationId))?.online === true, `${stationId} online`);
}

async function rotate(stationId: string): Promise<{ status: number; text: string; password: string | undefined }> {
  const csrf = await console_.csrf(`/console/stations/${stationId}`);
  const page = await console_.post(`/console/stations/${stationId}/password/rotate`, { _csrf: csrf });
  const password = /id="station-password">([^<]+)</.exec(page.text)?.[1];
  return { status: page.status, text: page.text, password };
}

const tries = (stationId: string, password: string | Buffer, protocol: string) => upgradeFrom(ocppUrl, { stationId, password, localAddress: ELSEWHERE, protocol });

async function stationWith(stationId: string, code: string, protocol: 'ocpp1.6' | 'ocpp2.0.1', answer: PasswordAnswer) {
  await sys.addStation(stationId, protocol, code);
  const station = await startPasswordKeepingStation(ocppUrl, stationId, STATION_PASSWORD, protocol, answer);
  await online(stationId);
  return station;
}

describe('changing a station password over OCPP from the console', () => {
  it('2.0.1: SetVariables BasicAuthPassword; the station reconnects with it and the old one stops working', async () => {
    const station = await stationWith('ROT-201', 'ROT201', 'ocpp2.0.1', 'Accepted');
    const r = await rotate('ROT-201');
    expect(r.status).toBe(200);
    expect(r.text).toContain('The station accepted its new password');
    expect(r.password).toMatch(/^[2-9A-HJ-NP-Z]{32}$/);
    await station.switched;
    expect(station.password()).toBe(r.password);
    await online('ROT-201');
    // Once the station used the new one, the old one is gone.
    await eventually(async () => (await tries('ROT-201', STATION_PASSWORD, 'ocpp2.0.1')) === 401, 'the old password refused');
    expect(await tries('ROT-201', r.password ?? '', 'ocpp2.0.1')).toBe(101);
    // Shown once: the station page does not show it again.
    expect((await console_.get('/console/stations/ROT-201')).text).not.toContain(r.password);
    // The message log keeps the call, without the password.
    const logged = await eventually(async () => {
      const rows = await sys.ladepay.database.db.selectFrom('ocpp_log').select(['action', 'payload']).where('station_id', '=', 'ROT-201').execute();
      return rows.find((row) => row.action === 'SetVariables' && row.payload.includes('BasicAuthPassword'));
    }, 'the SetVariables call in the log');
    expect(logged.payload).toContain('[redacted]');
    expect(logged.payload).not.toContain(r.password);
    await station.close();
  });

  it('1.6: ChangeConfiguration AuthorizationKey (hex); a lost answer leaves both valid until the station comes back with the new one', async () => {
    const station = await stationWith('ROT-16', 'ROT016', 'ocpp1.6', 'no answer');
    const r = await rotate('ROT-16');
    expect(r.text).toContain('did not answer');
    expect(r.password).toMatch(/^[2-9A-HJ-NP-Z]{32}$/);
    await station.switched;
    // The station took the key as the whitepaper says: its 20 octets.
    expect(station.password()).toEqual(authorizationKeyOctets(r.password ?? ''));
    await online('ROT-16');
    await eventually(async () => (await tries('ROT-16', STATION_PASSWORD, 'ocpp1.6')) === 401, 'the old password refused');
    expect(await tries('ROT-16', authorizationKeyOctets(r.password ?? ''), 'ocpp1.6')).toBe(101);
    expect(await tries('ROT-16', r.password ?? '', 'ocpp1.6')).toBe(101);
    await station.close();
  });

  it('keeps the old password when the station refuses the new one, and shows none', async () => {
    const station = await stationWith('ROT-NO', 'ROTNO1', 'ocpp2.0.1', 'Rejected');
    const r = await rotate('ROT-NO');
    expect(r.text).toContain('The station refused the new password');
    expect(r.password).toBeUndefined();
    expect(await tries('ROT-NO', STATION_PASSWORD, 'ocpp2.0.1')).toBe(101);
    await station.close();
  });

  it('sends nothing to a station that is offline', async () => {
    await sys.addStation('ROT-OFF', 'ocpp1.6', 'ROTOFF');
    const csrf = await console_.csrf('/console/stations/ROT-OFF');
    const page = await console_.post('/console/stations/ROT-OFF/password/rotate', { _csrf: csrf });
    expect(page.status).toBe(409);
    expect(page.text).toContain('not connected');
  });
});

describe('password strength in the console', () => {
  it('shows an old scrypt password as weak, and refuses a guessable one set by hand', async () => {
    await new StationStore(sys.ladepay.database.db).createStation(
      { id: 'OLD-1', siteId: 'site', name: 'Gammel', passwordHash: await hashPassword('kort-pass'), connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code: 'OLD001' }] },
      new Date(),
    );
    const page = await console_.get('/console/stations/OLD-1');
    expect(page.text).toMatch(/badge bad" data-strength="weak">weak</);
    const csrf = ConsoleClient.csrfOf(page.text);
    const refused = await console_.post('/console/stations/OLD-1/password', { _csrf: csrf, password: 'gammel-stasjon-1' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/too guessable/);
    const made = await console_.post('/console/stations/OLD-1/password', { _csrf: csrf, password: '' });
    expect(made.status).toBe(200);
    expect((await console_.get('/console/stations/OLD-1')).text).toMatch(/badge ok" data-strength="strong">strong</);
  });
});
