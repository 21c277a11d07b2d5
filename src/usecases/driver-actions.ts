import type { Config } from '../config.ts';
import { DRIVER_STOPPABLE_STATES, stateIn } from '../core/vocabulary/session-states.ts';
import type { ChargerCommands } from './ports/charger.ts';
import type { ChargePointDirectory } from './ports/charge-point-directory.ts';
import type { DriverActions, SessionView } from './ports/driver-views.ts';
import type { ReceiptNumbers } from './ports/receipt-numbers.ts';
import type { SessionRepository } from './ports/session-repository.ts';
import { observePayment, type ObservePaymentDeps } from './observe-payment.ts';
import type { SessionEngine } from './session-engine.ts';
import type { SessionNotifier } from './session-notifier.ts';
import { landingView } from './landing-view.ts';
import { sessionView } from './session-view.ts';
import { startDropIn, type StartDropInDeps } from './start-drop-in.ts';

export interface DriverActionsDeps {
  repo: SessionRepository;
  engine: SessionEngine;
  directory: ChargePointDirectory;
  charger: Pick<ChargerCommands, 'isOnline'>;
  notifier: SessionNotifier;
  observe: ObservePaymentDeps;
  start: StartDropInDeps;
  receipts: ReceiptNumbers;
  config: Pick<Config, 'sessions' | 'operator' | 'publicUrl'>;
}

export function driverActions(d: DriverActionsDeps): DriverActions {
  const { name, orgNumber, address } = d.config.operator;
  const seller = { name, orgNumber, address };

  async function view(token: string): Promise<SessionView | undefined> {
    const stored = await d.repo.byToken(token);
    if (!stored) return undefined;
    const s = stored.session;
    const now = d.engine.now();
    // Settled with something charged: the page is a receipt, and a receipt has
    // its number (the same one the Vipps receipt carries, whichever came first).
    const receiptDue = s.state === 'settled' && s.capturedOre > 0;
    const [station, connector, issued] = await Promise.all([
      d.directory.station(s.stationId),
      d.directory.connectorById(s.connectorId),
      receiptDue ? d.receipts.issue(s.id, now) : undefined,
    ]);
    return sessionView(s, stored.version, { station, connector }, seller, now, issued);
  }

  return {
    landing: (code) => landingView(d, code),

    startDropIn: (input) => startDropIn(d.start, input),

    session: view,

    async paymentReturn(token: string) {
      const stored = await d.repo.byToken(token);
      if (stored?.session.state === 'awaiting_payment') await observePayment(d.observe, stored.session.reference);
    },

    async stop(token: string) {
      const stored = await d.repo.byToken(token);
      if (!stored) return { ok: false, reason: 'not_found' };
      const r = await d.engine.apply(stored.session.id, { type: 'stop_requested', source: 'driver' }, 'driver');
      // A second press finds the session already stopping or over: same answer.
      if (r.changed || !stateIn(DRIVER_STOPPABLE_STATES, stored.session.state)) {
        return { ok: true };
      }
      return { ok: false, reason: 'not_stoppable' };
    },

    subscribe(token: string, listener: (view: SessionView) => void): () => void {
      let unsubscribe: (() => void) | undefined;
      let closed = false;
      const push = () => void view(token).then((v) => v && !closed && listener(v));
      void d.repo.byToken(token).then((stored) => {
        if (!stored || closed) return;
        unsubscribe = d.notifier.subscribe(stored.session.id, push);
        // A change made while the session was looked up went unheard: the
        // view as it is now, once (a listener sees each version once anyway).
        push();
      });
      return () => {
        closed = true;
        unsubscribe?.();
      };
    },
  };
}
