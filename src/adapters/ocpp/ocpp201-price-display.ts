import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';
import type { DisplaySupport, ScreenText } from '../../usecases/ports/charger-display.ts';
import { anyAccepted, NO_PAYMENT_SCREENS, type ProtocolDisplay } from './protocol-display.ts';
import type { StationConnection } from './station-connection.ts';

// OCPP 2.0.1 display messages (O01 SetDisplayMessage, O05 ClearDisplayMessage)
// and costs (I02 CostUpdated; TariffCostCtrlr's fallback messages). The
// station says what it has in its device model (GetVariables).

export type Ref = { component: { name: string }; variable: { name: string; instance?: string } };
export const ref = (component: string, variable: string, instance?: string): Ref => ({
  component: { name: component },
  variable: instance ? { name: variable, instance } : { name: variable },
});
const AVAILABLE = ref('DisplayMessageCtrlr', 'Available');
const TARIFF = ref('TariffCostCtrlr', 'Enabled', 'Tariff');
const COST = ref('TariffCostCtrlr', 'Enabled', 'Cost');
const CURRENCY = ref('TariffCostCtrlr', 'Currency');

// Message ids, one set per station: the price while idle (one per language),
// and per EVSE the price of its charge, its final cost and the receipt link.
// (2.1 adds the payment QR, paymentQrId in ocpp21-price-display.ts.)
const DEFAULT_PRICE_ID = 1;
const userPriceId = (evse: number) => 100 + evse;
const finalTextId = (evse: number) => 200 + evse;
const receiptLinkId = (evse: number) => 300 + evse;
// How long the final cost and the receipt link stay on the screen.
const FINAL_SHOWN_MS = 10 * 60_000;
// Best effort: a station's refusal or silence is logged at debug level only.
export const QUIET = { quiet: true };

interface GetVariableResult {
  attributeStatus: string;
  attributeValue?: string;
  component: { name: string };
  variable: { name: string; instance?: string };
}

export type DisplayMessages = Extract<DisplaySupport, { kind: 'display_messages' }>;

// The device model's answers to GetVariables, by variable; undefined when
// the station did not answer.
export async function readVariables(conn: StationConnection, refs: Ref[]): Promise<((want: Ref) => string | undefined) | undefined> {
  const r = await conn.call<{ getVariableResult: GetVariableResult[] }>('GetVariables', { getVariableData: refs }, QUIET);
  if (!r.ok) return undefined;
  return (want: Ref) =>
    r.result.getVariableResult.find(
      (v) => v.attributeStatus === 'Accepted' && v.component.name === want.component.name && v.variable.name === want.variable.name && v.variable.instance === want.variable.instance,
    )?.attributeValue;
}

// What a 2.x screen can show; `more`: a later version's variables, read in the same call.
export async function readDisplayMessages(conn: StationConnection, more: Ref[] = []): Promise<{ support: DisplayMessages; value: (want: Ref) => string | undefined } | undefined> {
  const value = await readVariables(conn, [AVAILABLE, TARIFF, COST, CURRENCY, ...more]);
  if (!value) return undefined;
  const yes = (want: Ref) => value(want)?.trim().toLowerCase() === 'true';
  const support: DisplayMessages = { kind: 'display_messages', messages: yes(AVAILABLE), tariff: yes(TARIFF), cost: yes(COST) };
  const currency = value(CURRENCY)?.trim();
  return { support: currency ? { ...support, currency } : support, value };
}

export const ocpp201PriceDisplay: ProtocolDisplay = {
  ...NO_PAYMENT_SCREENS,
  async readSupport(conn) {
    const read = await readDisplayMessages(conn);
    if (!read) return undefined;
    return read.support.messages || read.support.cost ? read.support : { kind: 'none' };
  },

  async defaultPrice(conn, support, screen) {
    if (support.kind !== 'display_messages') return 'rejected';
    const outcomes: CommandOutcome[] = [];
    const [price] = screen.texts;
    const [fallback] = screen.costFallbackTexts;
    if (support.tariff && price && fallback) {
      const r = await conn.call<{ setVariableResult: { attributeStatus: string }[] }>('SetVariables', {
        setVariableData: [
          { ...ref('TariffCostCtrlr', 'TariffFallbackMessage'), attributeValue: price.text.slice(0, 1000) },
          { ...ref('TariffCostCtrlr', 'TotalCostFallbackMessage'), attributeValue: fallback.text.slice(0, 1000) },
        ],
      }, QUIET);
      outcomes.push(r.ok ? (r.result.setVariableResult.some((v) => v.attributeStatus === 'Accepted') ? 'accepted' : 'rejected') : r.outcome);
    }
    if (support.messages) {
      for (const [i, t] of screen.texts.entries()) {
        outcomes.push(await show(conn, { id: DEFAULT_PRICE_ID + i, priority: 'NormalCycle', state: 'Idle', message: utf8(t) }));
      }
    }
    return anyAccepted(outcomes);
  },

  async userPrice(conn, support, screen) {
    const [main] = screen.texts;
    if (support.kind !== 'display_messages' || !support.messages || !main) return 'rejected';
    return show(conn, { id: userPriceId(screen.connectorNo), priority: 'InFront', transactionId: screen.transactionId, message: utf8(main) });
  },

  async runningCost(conn, support, screen) {
    if (support.kind !== 'display_messages' || !support.cost) return 'rejected';
    return costUpdated(conn, screen.transactionId, screen.cost);
  },

  // The total, then the price of the charge gives way to the final cost and
  // the link to the receipt, for a few minutes.
  async finalCost(conn, support, screen) {
    if (support.kind !== 'display_messages') return 'rejected';
    const outcomes: CommandOutcome[] = [];
    if (support.cost) outcomes.push(await costUpdated(conn, screen.transactionId, screen.cost));
    const [main] = screen.texts;
    if (support.messages && main) {
      const endDateTime = new Date(Date.parse(screen.at) + FINAL_SHOWN_MS).toISOString();
      await conn.call('ClearDisplayMessage', { id: userPriceId(screen.connectorNo) }, QUIET);
      outcomes.push(await show(conn, { id: finalTextId(screen.connectorNo), priority: 'InFront', endDateTime, message: utf8(main) }));
      // 2.1 screens that show QR codes get the link as one to scan.
      const format = support.qrCode ? 'QRCODE' : 'URI';
      outcomes.push(await show(conn, { id: receiptLinkId(screen.connectorNo), priority: 'InFront', endDateTime, message: { format, content: screen.receiptUrl } }));
    }
    return anyAccepted(outcomes);
  },
};

export function utf8(t: ScreenText): { format: 'UTF8'; language: string; content: string } {
  // MessageContentType.content: at most 512 characters.
  return { format: 'UTF8', language: t.language, content: t.text.slice(0, 512) };
}

export async function show(conn: StationConnection, message: object): Promise<CommandOutcome> {
  const r = await conn.call<{ status: string }>('SetDisplayMessage', { message }, QUIET);
  if (!r.ok) return r.outcome;
  return r.result.status === 'Accepted' ? 'accepted' : 'rejected';
}

async function costUpdated(conn: StationConnection, transactionId: string, totalCost: number): Promise<CommandOutcome> {
  const r = await conn.call<Record<string, never>>('CostUpdated', { totalCost, transactionId }, QUIET);
  return r.ok ? 'accepted' : r.outcome;
}
