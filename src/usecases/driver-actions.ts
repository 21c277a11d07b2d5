import type { Config } from '../config.ts';
import { CAR_PLUGGED_IN, statusIn } from '../core/vocabulary/connector-status.ts';
import { DRIVER_STOPPABLE_STATES, stateIn } from '../core/vocabulary/session-states.ts';
import type { ChargerCommands } from './ports/charger.ts';
import type { ChargePointDirectory, ConnectorInfo, StationInfo } from './ports/charge-point-directory.ts';
import type { ConnectorLiveStatus, DriverActions, LandingView, SessionView } from './ports/driver-views.ts';
import type { ReceiptNumbers } from './ports/receipt-numbers.ts';
import type { SessionRepository } from './ports/session-repository.ts';
import { observePayment, type ObservePaymentDeps } from './observe-payment.ts';
import type { SessionEngine } from './session-engine.ts';
import type { SessionNotifier } from './session-notifier.ts';
import { sessionView, tariffView } from './session-view.ts';
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

function liveStatus(station: StationInfo, connector: ConnectorInfo, busy: boolean): ConnectorLiveStatus {
  if (!station.online) return 'offline';
  if (station.disabled || connector.disabled || connector.status === 'unavailable') return 'unavailable';
  if (connector.status === 'faulted') return 'faulted';
  if (connector.status === 'charging') return busy ? 'charging' : 'occupied';
  if (busy) return 'occupied';
  if (statusIn(CAR_PLUGGED_IN, connector.status)) return 'car_connected';
  return 'available';
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
    async landing(code: string): Promise<LandingView | undefined> {
      const connector = await d.directory.connectorByCode(code);
      if (!connector) return undefined;
      const station = await d.directory.station(connector.stationId);
      if (!station) return undefined;
      const tariff = await d.directory.currentTariff(station.siteId, d.engine.now());
      const active = await d.repo.activeOnConnector(connector.id);
      const online = station.online && d.charger.isOnline(station.id);
      const status = liveStatus({ ...station, online }, connector, active !== undefined);
      const s = d.config.sessions;
      return {
        connectorCode: connector.code,
        siteName: station.siteName,
        siteAddress: station.siteAddress,
        stationName: station.name,
        connectorNo: connector.connectorNo,
        connectorType: connector.type,
        maxPowerW: connector.maxPowerW,
        status,
        canStart: tariff !== undefined && (status === 'available' || status === 'car_connected'),
        tariff: tariffView(tariff ?? { currency: 'NOK', perKwhOre: 0, startFeeOre: 0, perHourOre: 0, idlePerMinuteOre: 0, idleGraceMinutes: 0, idleCapOre: 0, vatRateBasisPoints: 2500 }),
        amounts: { presetsOre: [...s.amountPresetsOre], defaultOre: s.defaultAmountOre, minOre: s.minAmountOre, maxOre: s.maxAmountOre },
        cardPayments: s.cardPayments,
        operatorName: d.config.operator.name,
        termsUrl: d.config.operator.termsUrl ?? `${d.config.publicUrl}/terms`,
      };
    },

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
      void d.repo.byToken(token).then((stored) => {
        if (!stored || closed) return;
        unsubscribe = d.notifier.subscribe(stored.session.id, () => {
          void view(token).then((v) => v && listener(v));
        });
      });
      return () => {
        closed = true;
        unsubscribe?.();
      };
    },
  };
}
