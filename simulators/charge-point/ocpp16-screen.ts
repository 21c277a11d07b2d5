import type { ConfigKey16 } from './ocpp16-configuration.ts';
import type { ChargingPriceShown, PriceTextExtra, Screen } from './screen.ts';
import type { StationView } from './station-view.ts';

// OCPP 1.6 "California Pricing" (the Open Charge Alliance's whitepaper "OCPP &
// California Pricing Requirements"): the keys that say the station has a
// screen and take the price before anyone pays, and the DataTransfer messages
// of its vendor, each with a JSON string as data.
export const COST_VENDOR_ID = 'org.openchargealliance.costmsg';
const LANGUAGES = ['nb', 'en'];

function parsed(value: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(value);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function screenKeys16(view: StationView): ConfigKey16[] {
  const screen = view.screen;
  if (screen.option !== 'california') return [];
  const fixed = (key: string, value: string): ConfigKey16 => ({ key, readonly: true, value: () => value });
  const kept = screen.settings;
  return [
    fixed('CustomDisplayCostAndPrice', 'true'),
    fixed('NumberOfDecimalsForCostValues', '2'),
    fixed('CustomMultiLanguageMessages', 'true'),
    fixed('SupportedLanguages', LANGUAGES.join(',')),
    {
      key: 'Language',
      readonly: false,
      value: () => kept.get('Language') ?? 'nb',
      set: (v) => LANGUAGES.includes(v) && (kept.set('Language', v), true),
    },
    {
      key: 'DefaultPrice',
      readonly: false,
      value: () => kept.get('DefaultPrice') ?? '',
      set: (v) => {
        const p = parsed(v);
        if (!p) return false;
        kept.set('DefaultPrice', v);
        screen.record('default_price', p, (now) => {
          now.defaultPrice = { priceText: text(p.priceText), priceTextOffline: text(p.priceTextOffline), chargingPrice: p.chargingPrice as ChargingPriceShown | undefined };
        });
        return true;
      },
    },
    ...LANGUAGES.map(
      (lang): ConfigKey16 => ({
        key: `DefaultPriceText,${lang}`,
        readonly: false,
        value: () => kept.get(`DefaultPriceText,${lang}`) ?? '',
        set: (v) => {
          const p = parsed(v);
          if (!p) return false;
          kept.set(`DefaultPriceText,${lang}`, v);
          screen.record('default_price_text', { language: lang, ...p }, (now) => {
            now.defaultPriceTexts[lang] = { priceText: text(p.priceText), priceTextOffline: text(p.priceTextOffline) };
          });
          return true;
        },
      }),
    ),
  ];
}

// DataTransfer of the cost vendor. Anything else: as a station without a screen.
export function costMessage16(screen: Screen, req: { vendorId: string; messageId?: string; data?: string }): { status: string } {
  if (screen.option !== 'california' || req.vendorId !== COST_VENDOR_ID) return { status: 'UnknownVendorId' };
  const data = parsed(req.data ?? '');
  if (!data) return { status: 'Rejected' };
  const extra = Array.isArray(data.priceTextExtra) ? (data.priceTextExtra as PriceTextExtra[]) : undefined;
  const transactionId = typeof data.transactionId === 'number' ? data.transactionId : undefined;
  switch (req.messageId) {
    case 'SetUserPrice':
      if (typeof data.idToken !== 'string' || typeof data.priceText !== 'string') return { status: 'Rejected' };
      screen.record('user_price', data, (now) => {
        now.userPrice = { idToken: data.idToken as string, priceText: data.priceText as string, ...(extra ? { priceTextExtra: extra } : {}) };
      });
      return { status: 'Accepted' };
    case 'RunningCost':
      if (transactionId === undefined || typeof data.cost !== 'number' || !screen.isRunning(String(transactionId))) return { status: 'Rejected' };
      screen.record('running_cost', data, (now) => {
        now.runningCost = {
          transactionId,
          cost: data.cost as number,
          meterValue: typeof data.meterValue === 'number' ? data.meterValue : undefined,
          state: text(data.state),
          timestamp: text(data.timestamp),
          chargingPrice: data.chargingPrice as ChargingPriceShown | undefined,
        };
      });
      return { status: 'Accepted' };
    case 'FinalCost':
      if (transactionId === undefined || typeof data.cost !== 'number' || !screen.hasHad(String(transactionId))) return { status: 'Rejected' };
      screen.record('final_cost', data, (now) => {
        now.finalCost = { transactionId, cost: data.cost as number, priceText: text(data.priceText), qrCodeText: text(data.qrCodeText), ...(extra ? { priceTextExtra: extra } : {}) };
        if (now.runningCost?.transactionId === transactionId) delete now.runningCost;
      });
      return { status: 'Accepted' };
    default:
      return { status: 'UnknownMessageId' };
  }
}
