import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { ConsoleClient } from './console-client.ts';

// The console's everyday fixes over real HTTP: an unpaid session is cancelled
// at Vipps (not "stopped"), the live view shows how long a payment has waited,
// and every time is Oslo time with its zone named.

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };
let sys: TestSystem;
let client: ConsoleClient;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  await sys.addStation('WAIT-1', 'ocpp1.6', 'WAIT11');
  await sys.connect('WAIT-1', 'ocpp1.6');
  client = new ConsoleClient(sys.ladepay.url);
  expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
});
afterAll(async () => sys?.stop());

// "2 min 05 s" → 125; "45 s" → 45.
function seconds(age: string): number {
  const m = /^(?:(\d+) min )?(\d+) s$/.exec(age);
  if (!m) throw new Error(`not an age: ${age}`);
  return Number(m[1] ?? 0) * 60 + Number(m[2]);
}

describe('a session awaiting payment', () => {
  it('shows its age in the live view, and the operator cancels the payment at Vipps', async () => {
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: 'WAIT11', maxAmountOre: 20_000, method: 'WALLET' });
    if (!started.ok) throw new Error('drop-in refused');
    const waiting = await sys.session(started.token);
    expect(waiting.state).toBe('awaiting_payment');
    const before = Date.now();
    await sys.advance(90_000);

    const live = await client.get('/console?refresh=off');
    const age = /awaiting payment<\/span><\/a> <span class="age">for ([^<]+)<\/span>/.exec(live.text)?.[1] ?? '';
    // At least the 90 s the clock was moved, at most that and what really passed since.
    expect(seconds(age)).toBeGreaterThanOrEqual(90);
    expect(seconds(age)).toBeLessThanOrEqual(90 + Math.ceil((Date.now() - before) / 1000) + 1);

    const path = `/console/sessions/${waiting.id}`;
    const page = await client.get(path);
    expect(page.text).toContain('>Cancel payment</button>');
    expect(page.text).not.toContain('Stop charging');
    const r = await client.post(`${path}/stop`, { _csrf: ConsoleClient.csrfOf(page.text) });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`${path}?notice=payment-cancelled`);
    const after = await client.get(r.location as string);
    expect(after.text).toContain('Payment cancelled at Vipps');
    expect(after.text).not.toContain('Stop sent to the station');

    const ended = await sys.session(started.token);
    expect(ended).toMatchObject({ state: 'payment_failed', failure: 'cancelled_by_operator', stopSource: 'operator' });
    await eventually(() => sys.vipps.books(waiting.reference)?.payment.state === 'TERMINATED', 'the payment cancelled at Vipps');
    // The operator's action is in the session's timeline, from the audit log.
    expect(after.text).toContain('session.stop by console:drift@example.no: ok');
    expect(after.text).toContain('{&quot;paymentCancelled&quot;:true}');
  });

  it('shows the timeline in Oslo time with the zone named, never UTC', async () => {
    const session = (await sys.ladepay.repo.inStates(['payment_failed'], 1))[0]!.session;
    const page = await client.get(`/console/sessions/${session.id}`);
    const shown = [...page.text.matchAll(/<time datetime="[^"]+">([^<]+)<\/time>/g)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(2);
    for (const t of shown) expect(t).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} CES?T$/);
    expect(page.text).not.toMatch(/\bUTC\b/);
    expect(page.text).toMatch(/<dt>Started<\/dt><dd>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} CES?T<\/dd>/);
  });
});
