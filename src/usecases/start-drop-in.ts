import { amountOffer, checkAmount, type AmountRules } from '../core/amount-offer.ts';
import type { DriverLanguage, Session } from '../core/session/session.ts';
import { newSession } from '../core/session/new-session.ts';
import { tariffAt } from '../core/tariff-schedule.ts';
import type { StartDropInResult } from './ports/driver-views.ts';
import type { ChargePointDirectory } from './ports/charge-point-directory.ts';
import { ConnectorBusyError, type SessionRepository } from './ports/session-repository.ts';
import type { SessionEngine } from './session-engine.ts';
import { newSessionIds } from './session-ids.ts';

export interface StartDropInDeps {
  directory: ChargePointDirectory;
  repo: SessionRepository;
  engine: SessionEngine;
  amounts: AmountRules;
  meterIntervalSeconds: number;
  cardPayments: boolean;
  // Creates the Vipps payment right away so the driver can be redirected; the
  // same call also sits in the outbox in case this process dies mid-way.
  createPaymentNow: (sessionId: string) => Promise<string | undefined>;
}


export async function startDropIn(
  d: StartDropInDeps,
  // onScreen: paid from a one-time Vipps QR on the charger's screen (display-payment.ts).
  input: { connectorCode: string; maxAmountOre: number; method: 'WALLET' | 'CARD'; language?: DriverLanguage; onScreen?: boolean },
): Promise<StartDropInResult> {
  const connector = await d.directory.connectorByCode(input.connectorCode);
  if (!connector) return { ok: false, reason: 'not_found' };
  const station = await d.directory.station(connector.stationId);
  if (!station) return { ok: false, reason: 'not_found' };

  // A second press, a refresh or a retry: the same session, the same payment.
  const active = await d.repo.activeOnConnector(connector.id);
  if (active) {
    if (sameStart(active.session, input)) {
      const redirectUrl = active.session.redirectUrl ?? (await d.createPaymentNow(active.session.id));
      if (redirectUrl) return { ok: true, token: active.session.token, redirectUrl };
      return { ok: false, reason: 'vipps_unavailable' };
    }
    return { ok: false, reason: 'occupied' };
  }

  // Reserved by someone at the station: not sold (docs/session-states.md).
  if (station.disabled || connector.disabled || connector.status === 'unavailable' || connector.status === 'reserved') return { ok: false, reason: 'unavailable' };
  if (!station.online) return { ok: false, reason: 'offline' };
  if (connector.status === 'faulted') return { ok: false, reason: 'faulted' };
  // A car already charging from someone else's card (a local RFID start).
  if (connector.status === 'charging') return { ok: false, reason: 'occupied' };

  const now = d.engine.now();
  const scheduled = await d.directory.tariffFor({ id: connector.id, siteId: station.siteId, type: connector.type, maxPowerW: connector.maxPowerW }, now);
  if (!scheduled) return { ok: false, reason: 'unavailable' };
  // The prices in effect now are frozen into the session and price all of it,
  // whatever the schedule says later (docs/pricing.md, "The price at start holds").
  const tariff = tariffAt(scheduled, now);
  // The same rule the landing page offered the amounts by.
  const offer = amountOffer(tariff, d.amounts, { maxPowerW: connector.maxPowerW, meterIntervalSeconds: d.meterIntervalSeconds });
  if (!offer) return { ok: false, reason: 'unavailable' };
  if (checkAmount(offer, input.maxAmountOre) !== 'ok') return { ok: false, reason: 'invalid_amount' };
  if (input.method === 'CARD' && !d.cardPayments) return { ok: false, reason: 'invalid_amount' };

  const ids = newSessionIds();
  const created = newSession(
    {
      ...ids,
      remoteStartId: await d.directory.nextRemoteStartId(),
      stationId: station.id,
      connectorNo: connector.connectorNo,
      connectorId: connector.id,
      tariff,
      maxPowerW: connector.maxPowerW,
      maxAmountOre: input.maxAmountOre,
      paymentMethod: input.method,
      ...(input.language ? { language: input.language } : {}),
      ...(station.priceOnScreen ? { priceOnScreen: true } : {}),
      ...(input.onScreen ? { qrOnScreen: true } : {}),
    },
    now,
  );
  try {
    await d.engine.create(created.session, created.commands, created.events, 'driver');
  } catch (e) {
    // Two presses raced past the check above: the database let one through.
    if (e instanceof ConnectorBusyError) {
      const winner = await d.repo.activeOnConnector(connector.id);
      if (winner && sameStart(winner.session, input)) {
        const redirectUrl = winner.session.redirectUrl ?? (await d.createPaymentNow(winner.session.id));
        if (redirectUrl) return { ok: true, token: winner.session.token, redirectUrl };
      }
      return { ok: false, reason: 'occupied' };
    }
    throw e;
  }
  const redirectUrl = await d.createPaymentNow(created.session.id);
  if (!redirectUrl) return { ok: false, reason: 'vipps_unavailable' };
  return { ok: true, token: created.session.token, redirectUrl };
}

// The same press again: the session still waits for the payment it was made
// for, with the same amount, paid the same way.
function sameStart(s: Session, input: { maxAmountOre: number; onScreen?: boolean }): boolean {
  return s.state === 'awaiting_payment' && s.maxAmountOre === input.maxAmountOre && (s.qrOnScreen ?? false) === (input.onScreen ?? false);
}
