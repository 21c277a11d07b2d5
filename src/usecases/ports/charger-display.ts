import type { ChargingPrice, DisplayLanguage, IdlePrice } from '../../core/price-display.ts';
import type { Tariff } from '../../core/tariff.ts';
import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';

// The charger's own screen (docs/price-display.md): what a station said it
// can show, and the price and cost put on it. OCPP 1.6 through the Open
// Charge Alliance's California Pricing DataTransfer messages, 2.0.1 through
// display messages and CostUpdated; the adapter picks by the station's
// protocol. Every value crosses as plain JSON (a command may be forwarded to
// the node holding the station): times as ISO text, money already in kroner.

export type DisplaySupport =
  | { kind: 'none' }
  // OCPP 1.6 CustomDisplayCostAndPrice = true.
  | { kind: 'california'; decimals: number; languages: string[] }
  // OCPP 2.0.1: DisplayMessageCtrlr.Available, TariffCostCtrlr.Enabled[Tariff] and [Cost].
  // OCPP 2.1 (tariffs21): tariff then also means the station takes tariffs
  // (SetDefaultTariff) and prices the charge itself; qrCode: DisplayMessageCtrlr.SupportedFormats has QRCODE.
  | { kind: 'display_messages'; messages: boolean; tariff: boolean; cost: boolean; currency?: string; tariffs21?: boolean; qrCode?: boolean };

export type PriceDisplayMode = 'auto' | 'off';

export interface ScreenText {
  language: DisplayLanguage;
  text: string;
}

// Before anyone pays: 1.6 DefaultPrice and DefaultPriceText,<lang>; 2.0.1
// TariffFallbackMessage, TotalCostFallbackMessage and a display message while idle.
export interface DefaultPriceScreen {
  texts: ScreenText[]; // the station's first language first
  offlineTexts: ScreenText[];
  costFallbackTexts: ScreenText[];
  chargingPrice: ChargingPrice;
  // OCPP 2.1 SetDefaultTariff: each connector's tariff in force now.
  tariffs: { connectorNo: number; tariff: Tariff }[];
}

// A paid charge has started: the maximum and the price.
export interface UserPriceScreen {
  idTag: string;
  transactionId: string;
  connectorNo: number;
  texts: ScreenText[]; // the driver's language first
  tariff: Tariff; // the session's own, frozen at its start (2.1 ChangeTransactionTariff)
}

// The cost so far, after a meter reading.
export interface RunningCostScreen {
  transactionId: string;
  connectorNo: number;
  at: string;
  meterWh: number; // the register
  cost: number; // kroner
  charging: boolean; // false: the car draws nothing (California Pricing state Idle)
  chargingPrice: ChargingPrice;
  idlePrice?: IdlePrice;
}

// The charge is settled: the total, and the status page with the receipt.
export interface FinalCostScreen {
  transactionId: string;
  connectorNo: number;
  at: string;
  cost: number; // kroner
  texts: ScreenText[]; // the driver's language first
  receiptUrl: string;
}

// A one-time Vipps QR for the driver to scan from the screen (OCPP 2.1
// MessageFormat QRCODE), shown until the payment is no longer waited for.
export interface PaymentQrScreen {
  connectorNo: number;
  qrText: string;
  until: string;
  texts: ScreenText[]; // what to do, the maximum and the price
}

// The driver is paying on the phone (OCPP 2.1 NotifyWebPaymentStarted): the
// station keeps the EVSE for them until the timeout.
export interface WebPaymentScreen {
  connectorNo: number;
  timeoutSeconds: number;
}

// Implemented by the OCPP adapter. Nothing is sent to a station whose
// support does not fit its protocol: 'rejected' at once, without a call.
export interface ChargerDisplay {
  // Undefined when the station did not answer (offline, timeout).
  readDisplaySupport(stationId: string): Promise<DisplaySupport | undefined>;
  showDefaultPrice(stationId: string, support: DisplaySupport, screen: DefaultPriceScreen): Promise<CommandOutcome>;
  showUserPrice(stationId: string, support: DisplaySupport, screen: UserPriceScreen): Promise<CommandOutcome>;
  showRunningCost(stationId: string, support: DisplaySupport, screen: RunningCostScreen): Promise<CommandOutcome>;
  showFinalCost(stationId: string, support: DisplaySupport, screen: FinalCostScreen): Promise<CommandOutcome>;
  showPaymentQr(stationId: string, support: DisplaySupport, screen: PaymentQrScreen): Promise<CommandOutcome>;
  notifyWebPayment(stationId: string, support: DisplaySupport, screen: WebPaymentScreen): Promise<CommandOutcome>;
}

export function showsPrices(support: DisplaySupport | undefined): boolean {
  if (!support) return false;
  switch (support.kind) {
    case 'none':
      return false;
    case 'california':
      return true;
    case 'display_messages':
      return support.messages || support.cost;
  }
}

// An OCPP 2.1 screen that shows QR codes: the one-time Vipps QR can be shown on it.
export function showsQrCodes(support: DisplaySupport | undefined): boolean {
  return support?.kind === 'display_messages' && support.messages && support.qrCode === true;
}
