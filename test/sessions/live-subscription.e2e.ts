import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { KyselyChargePointDirectory } from '../../src/adapters/storage/charge-point-directory.ts';
import { ReceiptNumberStore } from '../../src/adapters/storage/receipt-number-store.ts';
import { SettingsStore } from '../../src/adapters/storage/settings-store.ts';
import { driverActions, type DriverActionsDeps } from '../../src/usecases/driver-actions.ts';
import type { SessionView } from '../../src/usecases/ports/driver-views.ts';
import type { SessionRepository } from '../../src/usecases/ports/session-repository.ts';
import { SessionNotifier } from '../../src/usecases/session-notifier.ts';
import { eventually } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// A status page's live view is set up while its session is looked up; a change
// made in that moment (the driver approved in Vipps and the charge started)
// must still reach the page, or it waits for a change that may never come.
describe('the live view of a session', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect() });
  });
  afterAll(async () => sys?.stop());

  it('hears a change made while it was being set up', async () => {
    await sys.addStation('CP-LIVE1', 'ocpp1.6', 'LIVESUB1');
    const cp = await sys.connect('CP-LIVE1', 'ocpp1.6');
    await cp.plugIn(1);
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: 'LIVESUB1', maxAmountOre: 35_000, method: 'WALLET' });
    if (!started.ok) throw new Error(started.reason);

    // The real repository, its lookups held until the test lets them go: the
    // moment between the page asking for its live view and the view listening.
    const real = sys.ladepay.repo;
    let letGo!: () => void;
    const held = new Promise<void>((r) => (letGo = r));
    const repo: SessionRepository = Object.create(real) as SessionRepository;
    repo.byToken = async (token) => {
      await held;
      return real.byToken(token);
    };
    const db = sys.database.db;
    const notifier = new SessionNotifier();
    const config = loadConfig(sys.env, 'serve');
    const actions = driverActions({
      repo,
      engine: sys.ladepay.engine,
      directory: new KyselyChargePointDirectory(db, new SettingsStore(db)),
      notifier,
      receipts: new ReceiptNumberStore(db),
      config: { sessions: config.sessions, operator: config.operator, publicUrl: sys.ladepay.publicUrl },
    } as unknown as DriverActionsDeps);
    const seen: SessionView[] = [];
    const off = actions.subscribe(started.token, (view) => seen.push(view));

    const waiting = await sys.session(started.token);
    sys.vipps.phone.approve(waiting.reference);
    await sys.waitForState(started.token, 'charging');
    notifier.notify(waiting.id); // the change told before the view listens
    letGo();
    const charging = await eventually(() => seen.find((v) => v.phase === 'charging'), 'the live view showing the charge');
    // What it shows is the page as it is now.
    expect(charging.version).toBe((await sys.ladepay.driver.session(started.token))?.version);
    off();
  });
});
