import type { DriverLanguage, Session } from '../core/session/session.ts';
import { COMMAND_TYPES, commandKey, readCommandPayload, type CommandKind, type CommandOf, type CommandType } from '../core/session/session-commands.ts';
import { CAR_PLUGGED_IN, statusIn } from '../core/vocabulary/connector-status.ts';
import { RUNNING_STATES, stateIn } from '../core/vocabulary/session-states.ts';
import type { ChargerCommands } from './ports/charger.ts';
import type { ChargePointDirectory } from './ports/charge-point-directory.ts';
import type { EffectHandler, EffectItem, EffectResult } from './ports/effect-result.ts';
import { failureCode, type GatewayFailure, type PaymentGateway } from './ports/payment-gateway.ts';
import type { ReceiptNumbers } from './ports/receipt-numbers.ts';
import type { SessionRepository } from './ports/session-repository.ts';
import type { SupportContact } from './ports/support-contact.ts';
import type { SessionEngine } from './session-engine.ts';
import type { StrayTransactions } from './stray-transactions.ts';
import { statusPageUrl } from './status-page-url.ts';
import type { PriceDisplay } from './price-display.ts';

export interface SessionEffectsDeps {
  repo: SessionRepository;
  engine: SessionEngine;
  gateway: PaymentGateway;
  charger: ChargerCommands;
  directory: ChargePointDirectory;
  strays: StrayTransactions;
  receipts: ReceiptNumbers;
  support: SupportContact | undefined;
  publicUrl: string;
  // The final cost on the station's screen (docs/price-display.md).
  display: Pick<PriceDisplay, 'finalCost'>;
}

// Vipps recommends saying that this is a reservation of a maximum and only
// actual use is charged (docs/vipps-contract.md §20); 3..100 characters.
export function paymentDescription(stationName: string, language: DriverLanguage = 'nb'): string {
  const text =
    language === 'en'
      ? `Charging at ${stationName}. A maximum is reserved; you pay only for what you use.`
      : `Lading ${stationName}. Reservasjon av maksbeløp, du betaler kun for faktisk bruk.`;
  return text.length <= 100 ? text : `${text.slice(0, 99)}…`;
}

const done: EffectResult = { status: 'done' };

// Whether a failed payment call is worth another try later with the same
// idempotency key, or needs an operator to look.
function transient(f: GatewayFailure): boolean {
  switch (f.kind) {
    case 'unavailable':
    case 'funds_unavailable': // 6260: the bank released the hold early; Vipps says try again later
    case 'unauthorized': // keys rotated or the token service hiccuped
      return true;
    case 'unexpected':
      return f.status >= 500;
    case 'wrong_state':
    case 'amount_too_high':
    case 'amount_mismatch':
    case 'not_found':
    case 'invalid_request':
    case 'idempotency_conflict':
    case 'reference_exists':
    case 'already_exists':
    case 'forbidden':
    case 'no_redirect_url':
      return false;
    default: {
      const never: never = f;
      return never;
    }
  }
}

const failed = (f: GatewayFailure): EffectResult =>
  transient(f) ? { status: 'retry', error: failureCode(f) } : { status: 'dead', error: failureCode(f) };

// The side effects of a session, run from the outbox after the state change
// that called for them was committed. Each reports its answer back as an input
// to the session, so the state machine decides what comes next.
export function sessionEffects(d: SessionEffectsDeps) {
  async function createPayment(session: Session): Promise<EffectResult & { redirectUrl?: string }> {
    if (session.redirectUrl) return { status: 'done', redirectUrl: session.redirectUrl };
    if (session.state !== 'awaiting_payment') return done;
    const station = await d.directory.station(session.stationId);
    const r = await d.gateway.create({
      reference: session.reference,
      amountOre: session.maxAmountOre,
      description: paymentDescription(station?.name ?? session.stationId, session.language),
      returnUrl: statusPageUrl(d.publicUrl, session.token),
      method: session.paymentMethod,
      idempotencyKey: commandKey(session, { type: 'create_payment' }),
      ...(session.qrOnScreen ? { flow: 'qr' as const } : {}),
    });
    if (r.ok) {
      await d.engine.apply(session.id, { type: 'payment_created', redirectUrl: r.value.redirectUrl }, 'vipps');
      return { status: 'done', redirectUrl: r.value.redirectUrl };
    }
    if (!transient(r.failure)) {
      await d.engine.apply(session.id, { type: 'payment_create_failed', reason: failureCode(r.failure) }, 'vipps');
    }
    return failed(r.failure);
  }

  async function capture(session: Session, command: CommandOf<'capture' | 'capture_idle'>): Promise<EffectResult> {
    const r = await d.gateway.capture(session.reference, command.amountOre, commandKey(session, command));
    if (r.ok) {
      await d.engine.apply(session.id, { type: 'capture_answered', ok: true, capturedOre: r.value.capturedOre }, 'vipps');
      return done;
    }
    if (!transient(r.failure)) await d.engine.apply(session.id, { type: 'capture_answered', ok: false, reason: failureCode(r.failure) }, 'vipps');
    return failed(r.failure);
  }

  // One handler per command, given the session as stored now and the command
  // as decide() asked for it; the compiler checks that none is missing.
  const run: { [K in CommandType]: (session: Session, command: CommandOf<K>, item: EffectItem) => Promise<EffectResult> } = {
    create_payment: async (session) => {
      const { redirectUrl: _r, ...result } = await createPayment(session);
      return result;
    },

    remote_start: async (session, command) => {
      if (session.state !== 'starting') return done;
      const outcome = await d.charger.remoteStart(session.stationId, session.connectorNo, session.idTag, session.remoteStartId);
      const connector = await d.directory.connectorById(session.connectorId);
      await d.engine.apply(
        session.id,
        { type: 'remote_start_answered', attempt: command.attempt, outcome, carPluggedIn: statusIn(CAR_PLUGGED_IN, connector?.status ?? 'unknown') },
        'station',
      );
      return done;
    },

    remote_stop: async (session, command) => {
      // Nothing to stop: no transaction, or the station has ended it since.
      if (!session.transactionId || session.stopOwed === false) return done;
      await d.engine.apply(session.id, { type: 'remote_stop_sending' }, 'system');
      const before = d.charger.connectedSince(session.stationId);
      const outcome = await d.charger.remoteStop(session.stationId, session.transactionId);
      // The later of the connection it went over and any that replaced it since.
      const opened = [before, d.charger.connectedSince(session.stationId)].filter((t) => t !== undefined).map((t) => t.getTime());
      const connectedSince = opened.length > 0 ? new Date(Math.max(...opened)).toISOString() : undefined;
      await d.engine.apply(session.id, { type: 'remote_stop_answered', outcome, attempt: command.attempt, ...(connectedSince ? { connectedSince } : {}) }, 'station');
      // A station that is not connected is asked again as soon as it
      // reconnects (invariant 9), not by this item: retried until it gave up,
      // it would only end dead. One that is connected but did not answer is
      // asked again here; if it stays away, the silence timeout settles.
      if (outcome === 'accepted' || outcome === 'rejected' || outcome === 'offline') return done;
      return { status: 'retry', error: `remote stop ${outcome}` };
    },

    // After an end signal: does the station still have the transaction?
    query_transaction: async (session) => {
      const running = stateIn(RUNNING_STATES, session.state);
      if (!session.transactionId || !running || !session.endSignal) return done;
      const status = await d.charger.transactionStatus(session.stationId, session.connectorNo, session.transactionId);
      const at = d.engine.now().toISOString();
      if (status === 'ended') await d.engine.apply(session.id, { type: 'transaction_lost', signal: 'status_query', at }, 'station');
      if (status === 'ongoing') await d.engine.apply(session.id, { type: 'transaction_confirmed' }, 'station');
      // 'unknown': the grace decides (and a 1.6 station's meter values answer).
      return done;
    },

    check_connector: async (session) => {
      await d.strays.afterFailedStart(session.stationId, session.connectorNo);
      return done;
    },

    capture: (session, command) => capture(session, command),
    // Vipps ePayment allows several partial captures of one payment: the idle
    // fee is the second, under its own key.
    capture_idle: (session, command) => capture(session, command),

    cancel: async (session, command) => {
      const r = await d.gateway.cancel(session.reference, commandKey(session, command));
      if (r.ok) {
        await d.engine.apply(session.id, { type: 'cancel_answered', ok: true, cancelledOre: r.value.cancelledOre }, 'vipps');
        return done;
      }
      // No such payment (its creation never reached Vipps): nothing is reserved.
      if (r.failure.kind === 'not_found') {
        await d.engine.apply(session.id, { type: 'cancel_answered', ok: true, cancelledOre: 0 }, 'vipps');
        return done;
      }
      // Nothing left to release (never approved, expired, already released):
      // read what Vipps holds and record that.
      if (r.failure.kind === 'wrong_state') {
        const status = await d.gateway.status(session.reference);
        if (status.ok) {
          await d.engine.apply(session.id, { type: 'cancel_answered', ok: true, cancelledOre: status.value.cancelledOre }, 'vipps');
          return done;
        }
      }
      if (!transient(r.failure)) await d.engine.apply(session.id, { type: 'cancel_answered', ok: false, reason: failureCode(r.failure) }, 'vipps');
      return failed(r.failure);
    },

    send_receipt: async (session, _command, item) => {
      if (!session.priced || session.capturedOre <= 0) return done;
      // The receipt is the stored bill; it must add up to what Vipps captured.
      // If it does not, an operator must look: nothing is sent that differs.
      if (session.priced.totalOre !== session.capturedOre) return { status: 'dead', error: 'bill_differs_from_capture' };
      const station = await d.directory.station(session.stationId);
      // The same number as the driver's page and PDF: given once, here or there, whichever asks first.
      const issued = await d.receipts.issue(session.id, d.engine.now());
      const r = await d.gateway.sendReceipt({
        reference: session.reference,
        receiptNumber: issued.number,
        bill: session.priced,
        stationName: station?.name ?? session.stationId,
        orderDetailsUrl: statusPageUrl(d.publicUrl, session.token),
        support: d.support,
      });
      // A receipt never holds up the money: a failure is recorded and retried.
      if (r.ok) {
        await d.engine.apply(session.id, { type: 'receipt_answered', ok: true }, 'vipps');
        return done;
      }
      if (!transient(r.failure) || item.attempts >= item.maxAttempts) {
        await d.engine.apply(session.id, { type: 'receipt_answered', ok: false }, 'vipps');
      }
      return failed(r.failure);
    },

    // Best effort: an unsupported, offline or unwilling station is as done as one that showed it.
    show_final_cost: async (session) => {
      await d.display.finalCost(session);
      return done;
    },
  };

  // The outbox hands every session kind here: the payload is checked against
  // its kind, the session read as it is now, and the command's handler run.
  function handlerFor(kind: CommandKind): EffectHandler {
    return async (item) => {
      const payload = readCommandPayload(kind, item.payload);
      if (!payload) return { status: 'dead', error: 'bad payload' };
      const stored = await d.repo.byId(payload.sessionId);
      if (!stored) return { status: 'dead', error: 'session not found' };
      const command = payload.command;
      return run[command.type](stored.session, command as never, item);
    };
  }
  const handlers: Record<CommandKind, EffectHandler> = Object.fromEntries(
    COMMAND_TYPES.map((type) => [`session.${type}`, handlerFor(`session.${type}`)]),
  ) as Record<CommandKind, EffectHandler>;

  return {
    handlers,
    // The driver is waiting for the redirect: create the payment inline with
    // the same idempotency key the outbox item would use.
    // The driver is waiting on the page: a payment that cannot be made now
    // ends the session, so the connector is free and a retry makes a fresh one
    // (a payment made later in the background would be one nobody can reach).
    async createPaymentNow(sessionId: string): Promise<string | undefined> {
      const stored = await d.repo.byId(sessionId);
      if (!stored) return undefined;
      const created = await createPayment(stored.session);
      if (created.redirectUrl) return created.redirectUrl;
      if (created.status === 'retry') await d.engine.apply(sessionId, { type: 'payment_create_failed', reason: created.error ?? 'unavailable' }, 'vipps');
      return undefined;
    },
  };
}
