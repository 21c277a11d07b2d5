import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Session } from '../../src/core/session/session.ts';
import { startLadepay, type RunningLadepay } from '../../src/start-ladepay.ts';
import { phoneButtonUrl } from '../../simulators/vipps/index.ts';
import { captureLog, type CapturedLog } from '../security/log-lines.ts';
import { eventually } from '../support/eventually.ts';
import { createTestDatabase, primaryDialect, type TestDatabase } from '../support/test-database.ts';

// `npm start` as a person uses it: the demo's own stations, the embedded Vipps
// simulator and its phone page, driven over HTTP like a browser. The demo's
// stations must be honest ones: every reading they send passes the physics
// check (docs/meter-plausibility.md), so a demo session settles on its meter
// with no reading refused and nothing held for review.
let database: TestDatabase;
let ladepay: RunningLadepay;
let log: CapturedLog;

beforeAll(async () => {
  database = await createTestDatabase(primaryDialect());
  const env = {
    PORT: '0',
    DATABASE_URL: database.databaseUrl,
    SECRETS_KEY: randomBytes(32).toString('base64'),
    DEMO_STATIONS: '1',
    OCPP_METER_INTERVAL_SECONDS: '1',
  };
  log = captureLog('info');
  ladepay = await startLadepay(loadConfig(env, 'demo'), { logger: log.logger });
});
afterAll(async () => {
  await ladepay?.stop();
  await database?.drop();
});

async function session(token: string): Promise<Session> {
  const stored = await ladepay.repo.byToken(token);
  if (!stored) throw new Error(`no session for ${token}`);
  return stored.session;
}

function redirectOf(res: Response): string {
  expect(res.status).toBe(303);
  return res.headers.get('location') ?? '';
}

describe('the demo (npm start)', () => {
  it('charges on a demo station at real time and settles on its meter, nothing refused, nothing held', async () => {
    const origin = { origin: ladepay.publicUrl };
    const landing = await fetch(`${ladepay.url}/c/DEMO01`);
    expect(landing.status).toBe(200);
    const landingPage = await landing.text();
    expect(landingPage).toContain('action="/c/DEMO01/start"');
    // The demo shows an operator as a real one is set up: a support contact in the footer.
    expect(landingPage).toContain('<a href="tel:+4722123456" class="nowrap">+47 22 12 34 56</a>');

    const form = new URLSearchParams({ amount: '20000', terms: 'yes', method: 'WALLET' });
    const phone = redirectOf(await fetch(`${ladepay.url}/c/DEMO01/start`, { method: 'POST', headers: origin, body: form, redirect: 'manual' }));
    expect(phone).toMatch(/\/phone\//);
    const statusUrl = redirectOf(await fetch(phoneButtonUrl(phone, 'approve'), { method: 'POST', redirect: 'manual' }));
    const token = /\/s\/([\w-]+)$/.exec(statusUrl)?.[1] ?? '';
    expect(token).not.toBe('');

    // The car plugs in by itself; wait until the meter has moved a fair way
    // (several readings at 50 kW), or a reading was refused.
    const charged = await eventually(async () => {
      const s = await session(token);
      const energyWh = (s.meterLastWh ?? 0) - (s.meterStartWh ?? 0);
      return energyWh >= 50 || s.flags.includes('implausible_meter') ? s : undefined;
    }, 'the demo session to charge 50 Wh');
    expect(charged.state).toBe('charging');
    expect(charged.flags).not.toContain('implausible_meter');

    const page = await (await fetch(`${ladepay.url}/s/${token}`)).text();
    const check = /name="check" value="([\w-]+)"/.exec(page)?.[1] ?? '';
    const stop = await fetch(`${ladepay.url}/s/${token}/stop`, { method: 'POST', headers: origin, body: new URLSearchParams({ check }), redirect: 'manual' });
    expect(redirectOf(stop)).toBe(`/s/${token}`);

    const settled = await eventually(async () => {
      const s = await session(token);
      return s.state === 'settled' || s.state === 'needs_review' ? s : undefined;
    }, 'the demo session to end');
    expect(settled.state).toBe('settled');
    expect(settled.flags).toEqual([]);
    expect(settled.meterRejectedCount ?? 0).toBe(0);
    const energyWh = (settled.meterLastWh ?? 0) - (settled.meterStartWh ?? 0);
    expect(energyWh).toBeGreaterThanOrEqual(50);
    const lines = settled.priced?.lines ?? [];
    expect(lines.find((l) => l.kind === 'energy')?.quantity).toBe(energyWh);
    expect(settled.capturedOre).toBe(lines.reduce((sum, l) => sum + l.amountOre, 0));
    expect(settled.capturedOre + settled.cancelledOre).toBe(20_000);

    const receipt = await eventually(() => ladepay.embeddedVipps?.simulator.receipts(settled.reference)?.receipt, 'the receipt in Vipps');
    const orderLines = (receipt as { orderLines: Array<{ id: string; totalAmount: number }> }).orderLines;
    expect(orderLines.reduce((sum, l) => sum + l.totalAmount, 0)).toBe(settled.capturedOre);
    expect(orderLines.at(-1)).toMatchObject({ id: 'support', name: 'Kundeservice: +47 22 12 34 56, kundeservice@ladepay-demo.example' });
    const receiptPage = await (await fetch(`${ladepay.url}/s/${token}`)).text();
    expect(receiptPage).toContain('<dt>Adresse</dt><dd>Demoveien 1, 0150 Oslo</dd>');
    expect(log.text()).not.toMatch(/implausible|plausib/i);
  });
});
