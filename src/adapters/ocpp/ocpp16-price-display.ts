import { DEFAULT_COST_DECIMALS } from '../../core/price-display.ts';
import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';
import type { DisplaySupport, ScreenText } from '../../usecases/ports/charger-display.ts';
import type { Ocpp16OperationCalls } from './ocpp16-operation-types.ts';
import type { DataTransferConf16, Ocpp16Commands } from './ocpp16-types.ts';
import { anyAccepted, NO_PAYMENT_SCREENS, type ProtocolDisplay } from './protocol-display.ts';
import type { StationConnection } from './station-connection.ts';

// OCPP 1.6J "California Pricing": the Open Charge Alliance's whitepaper
// "OCPP & California Pricing Requirements". Configuration keys for the
// capability and the price before anyone pays; DataTransfer messages of the
// vendor below, whose `data` is a JSON string, for the rest.
const VENDOR_ID = 'org.openchargealliance.costmsg';
const KEYS = ['CustomDisplayCostAndPrice', 'NumberOfDecimalsForCostValues', 'CustomMultiLanguageMessages', 'SupportedLanguages', 'Language'];
// OCPP 1.6 ChangeConfiguration.req value: CiString500.
const MOST_VALUE_CHARS = 500;
// Best effort: a station's refusal or silence is logged at debug level only.
const QUIET = { quiet: true };

type California = Extract<DisplaySupport, { kind: 'california' }>;

export const ocpp16PriceDisplay: ProtocolDisplay = {
  ...NO_PAYMENT_SCREENS,
  async readSupport(conn) {
    const r = await conn.call<Ocpp16OperationCalls['GetConfiguration']['conf']>('GetConfiguration', { key: KEYS }, QUIET);
    if (!r.ok) return undefined;
    const value = (key: string) => r.result.configurationKey?.find((e) => e.key === key)?.value?.trim();
    if (value('CustomDisplayCostAndPrice')?.toLowerCase() !== 'true') return { kind: 'none' };
    const decimals = Number(value('NumberOfDecimalsForCostValues'));
    const multi = value('CustomMultiLanguageMessages')?.toLowerCase() === 'true';
    const listed = (multi ? value('SupportedLanguages') : value('Language')) ?? '';
    const languages = listed.split(',').map((l) => l.trim()).filter((l) => l.length > 0);
    return { kind: 'california', decimals: Number.isSafeInteger(decimals) && decimals >= 0 ? decimals : DEFAULT_COST_DECIMALS, languages };
  },

  // The price before anyone identifies: DefaultPrice, and DefaultPriceText,<lang>
  // for each further language the station lists.
  async defaultPrice(conn, support, screen) {
    if (support.kind !== 'california') return 'rejected';
    const [main, ...more] = screen.texts;
    const offline = (lang: string) => screen.offlineTexts.find((t) => t.language === lang)?.text ?? '';
    if (!main) return 'rejected';
    const price = { priceText: main.text, priceTextOffline: offline(main.language), chargingPrice: screen.chargingPrice };
    const outcomes = [await configure(conn, 'DefaultPrice', fit(price))];
    for (const t of extras(support, more)) {
      outcomes.push(await configure(conn, `DefaultPriceText,${t.language}`, fit({ priceText: t.text, priceTextOffline: offline(t.language) })));
    }
    return anyAccepted(outcomes);
  },

  async userPrice(conn, support, screen) {
    if (support.kind !== 'california') return 'rejected';
    const [main, ...more] = screen.texts;
    if (!main) return 'rejected';
    return transfer(conn, 'SetUserPrice', { idToken: screen.idTag, priceText: main.text, ...priceTextExtra(support, more) });
  },

  async runningCost(conn, support, screen) {
    const transactionId = Number(screen.transactionId);
    if (support.kind !== 'california' || !Number.isSafeInteger(transactionId)) return 'rejected';
    return transfer(conn, 'RunningCost', {
      transactionId,
      timestamp: screen.at,
      meterValue: screen.meterWh,
      cost: screen.cost,
      state: screen.charging ? 'Charging' : 'Idle',
      chargingPrice: screen.chargingPrice,
      ...(screen.idlePrice ? { idlePrice: screen.idlePrice } : {}),
    });
  },

  async finalCost(conn, support, screen) {
    const transactionId = Number(screen.transactionId);
    const [main, ...more] = screen.texts;
    if (support.kind !== 'california' || !Number.isSafeInteger(transactionId) || !main) return 'rejected';
    return transfer(conn, 'FinalCost', { transactionId, cost: screen.cost, priceText: main.text, ...priceTextExtra(support, more), qrCodeText: screen.receiptUrl });
  },
};

// Only the languages the station says it shows.
function extras(support: California, more: readonly ScreenText[]): ScreenText[] {
  return more.filter((t) => support.languages.includes(t.language));
}

function priceTextExtra(support: California, more: readonly ScreenText[]): { priceTextExtra?: { format: 'UTF8'; language: string; content: string }[] } {
  const shown = extras(support, more);
  return shown.length > 0 ? { priceTextExtra: shown.map((t) => ({ format: 'UTF8', language: t.language, content: t.text })) } : {};
}

// A value too long for the key would break the call's schema: the texts are
// shortened until it fits.
function fit(value: { priceText: string; priceTextOffline: string } & Record<string, unknown>): string {
  let v = value;
  while (JSON.stringify(v).length > MOST_VALUE_CHARS && v.priceText.length > 0) {
    v = { ...v, priceText: v.priceText.slice(0, -10), priceTextOffline: v.priceTextOffline.slice(0, -10) };
  }
  return JSON.stringify(v);
}

async function configure(conn: StationConnection, key: string, value: string): Promise<CommandOutcome> {
  const r = await conn.call<Ocpp16Commands['ChangeConfiguration']['conf']>('ChangeConfiguration', { key, value }, QUIET);
  if (!r.ok) return r.outcome;
  return r.result.status === 'Accepted' || r.result.status === 'RebootRequired' ? 'accepted' : 'rejected';
}

async function transfer(conn: StationConnection, messageId: string, data: object): Promise<CommandOutcome> {
  const r = await conn.call<DataTransferConf16>('DataTransfer', { vendorId: VENDOR_ID, messageId, data: JSON.stringify(data) }, QUIET);
  if (!r.ok) return r.outcome;
  return r.result.status === 'Accepted' ? 'accepted' : 'rejected';
}
