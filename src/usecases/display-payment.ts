import { languagesFor, payOnScreenTexts } from '../core/price-display.ts';
import type { Answer } from '../core/vocabulary/command-outcome.ts';
import type { DriverLanguage } from '../core/session/session.ts';
import type { ChargerCommands } from './ports/charger.ts';
import { showsQrCodes, type ScreenText } from './ports/charger-display.ts';
import type { StartDropInResult } from './ports/driver-views.ts';
import type { StationRegistry } from './ports/operator-stations.ts';
import type { SessionRepository } from './ports/session-repository.ts';
import type { StationDisplays } from './ports/station-displays.ts';

export interface DisplayPaymentDeps {
  charger: Pick<ChargerCommands, 'showPaymentQr' | 'notifyWebPayment'>;
  displays: Pick<StationDisplays, 'display'>;
  stations: Pick<StationRegistry, 'connectors'>;
  repo: Pick<SessionRepository, 'byId' | 'byToken'>;
  start: (input: { connectorCode: string; maxAmountOre: number; method: 'WALLET'; language: DriverLanguage; onScreen: true }) => Promise<StartDropInResult>;
  defaultAmountOre: number;
  unpaidHoldSeconds: number;
  publicUrl: string;
  now: () => Date;
}

export type PaymentAsked = Answer;

// Paying from the charger's own screen (docs/display-payment.md): the driver
// taps "Pay" on an OCPP 2.x station whose screen shows QR codes, Ladepay makes
// a session and a Vipps payment with userFlow QR for the operator's default
// amount, and the screen shows Vipps' one-time QR; the phone's camera opens
// the Vipps app with it. From the approval on it is the drop-in flow. The
// sticker stays: this is an extra way in, never the only one.
export function displayPayment(d: DisplayPaymentDeps) {
  return {
    async asked(stationId: string, connectorNo: number): Promise<{ outcome: PaymentAsked; reason?: string }> {
      const display = await d.displays.display(stationId);
      const support = display?.mode === 'auto' ? display.support : undefined;
      if (!support || !showsQrCodes(support)) return { outcome: 'rejected', reason: 'screen_shows_no_qr' };
      const connector = (await d.stations.connectors(stationId)).find((c) => c.connectorNo === connectorNo);
      if (!connector) return { outcome: 'rejected', reason: 'no_such_connector' };
      const started = await d.start({ connectorCode: connector.code, maxAmountOre: d.defaultAmountOre, method: 'WALLET', language: 'nb', onScreen: true });
      if (!started.ok) return { outcome: 'rejected', reason: started.reason };
      const stored = await d.repo.byToken(started.token);
      if (!stored) return { outcome: 'rejected', reason: 'not_found' };
      const s = stored.session;
      const outcome = await d.charger.showPaymentQr(stationId, support, {
        connectorNo,
        qrText: started.redirectUrl,
        until: holdEnd(s.createdAt).toISOString(),
        texts: ordered(payOnScreenTexts(s.tariff, s.maxAmountOre, `${d.publicUrl}/terms`), s.language ?? 'nb'),
      });
      return outcome === 'accepted' ? { outcome: 'accepted' } : { outcome: 'rejected', reason: `screen_${outcome}` };
    },

    // The driver's page made a payment: an OCPP 2.1 station keeps the EVSE
    // for them while they are in Vipps (NotifyWebPaymentStarted), for as long
    // as Ladepay holds the connector for an unpaid session.
    async webPaymentStarted(sessionId: string): Promise<void> {
      const stored = await d.repo.byId(sessionId);
      const s = stored?.session;
      if (!s || s.state !== 'awaiting_payment' || s.qrOnScreen) return;
      const display = await d.displays.display(s.stationId);
      const support = display?.mode === 'auto' ? display.support : undefined;
      if (support?.kind !== 'display_messages' || support.tariffs21 === undefined) return;
      const timeoutSeconds = Math.ceil((holdEnd(s.createdAt).getTime() - d.now().getTime()) / 1000);
      if (timeoutSeconds <= 0) return;
      await d.charger.notifyWebPayment(s.stationId, support, { connectorNo: s.connectorNo, timeoutSeconds });
    },
  };

  function holdEnd(createdAt: string): Date {
    return new Date(Date.parse(createdAt) + d.unpaidHoldSeconds * 1000);
  }
}

export type DisplayPayment = ReturnType<typeof displayPayment>;

function ordered(texts: Readonly<Record<DriverLanguage, string>>, language: DriverLanguage): ScreenText[] {
  return languagesFor(language).map((l) => ({ language: l, text: texts[l] }));
}
