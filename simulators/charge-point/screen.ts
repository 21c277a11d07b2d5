// The station's own screen: what a CSMS shows on it, and when.
// 'california': OCPP 1.6 with the Open Charge Alliance's "California Pricing"
// (configuration keys DefaultPrice …, DataTransfer vendor
// org.openchargealliance.costmsg: SetUserPrice, RunningCost, FinalCost).
// 'display-messages': OCPP 2.0.1 and 2.1 display messages (SetDisplayMessage,
// ClearDisplayMessage; on 2.1 also QR codes), CostUpdated and TariffCostCtrlr's
// fallback messages.
// 'none': no screen to speak of; the station answers as one without it.
export type DisplayOption = 'none' | 'california' | 'display-messages';

export const DISPLAY_OPTIONS: readonly DisplayOption[] = ['none', 'california', 'display-messages'];

export interface ChargingPriceShown {
  kWhPrice?: number;
  hourPrice?: number;
  flatFee?: number;
}

export interface PriceTextExtra {
  format?: string;
  language?: string;
  content: string;
}

export interface DisplayMessageShown {
  id: number;
  priority: string;
  state?: string;
  transactionId?: string;
  startDateTime?: string;
  endDateTime?: string;
  evseId?: number; // MessageInfoType.display: the display of this EVSE; none: the station's
  format: string; // 2.1 QRCODE: content is the text the QR code encodes
  language?: string;
  content: string;
}

// 2.1 NotifyWebPaymentStarted: someone is paying at the EVSE's QR code (0: the station's).
export interface PaymentInProgress {
  evseId: number;
  until: string; // station time
}

// What the screen shows now.
export interface ScreenNow {
  // 1.6: DefaultPrice, and DefaultPriceText,<lang> by language.
  defaultPrice?: { priceText?: string; priceTextOffline?: string; chargingPrice?: ChargingPriceShown };
  defaultPriceTexts: Record<string, { priceText?: string; priceTextOffline?: string }>;
  userPrice?: { idToken: string; priceText: string; priceTextExtra?: PriceTextExtra[] };
  runningCost?: { transactionId: number; cost: number; meterValue?: number; state?: string; timestamp?: string; chargingPrice?: ChargingPriceShown };
  finalCost?: { transactionId: number; cost: number; priceText?: string; priceTextExtra?: PriceTextExtra[]; qrCodeText?: string };
  // 2.0.1: display messages in force, by id; the last CostUpdated; the fallback messages.
  messages: DisplayMessageShown[];
  totalCost?: { transactionId: string; totalCost: number };
  tariffFallbackMessage?: string;
  totalCostFallbackMessage?: string;
  paymentsInProgress: PaymentInProgress[];
}

export type ScreenEventKind =
  | 'default_price'
  | 'default_price_text'
  | 'user_price'
  | 'running_cost'
  | 'final_cost'
  | 'display_message'
  | 'clear_display_message'
  | 'cost_updated'
  | 'fallback_message'
  | 'web_payment';

export interface ScreenEvent {
  at: string;
  kind: ScreenEventKind;
  data: unknown;
}

export interface ScreenView {
  option: DisplayOption;
  now: ScreenNow;
  history: ScreenEvent[];
}

const MOST_HISTORY = 500;
const PRIORITY = ['AlwaysFront', 'InFront', 'NormalCycle'];

// Kept by the station; the handlers of its protocol write to it.
export class Screen {
  private readonly shown: ScreenNow = { defaultPriceTexts: {}, messages: [], paymentsInProgress: [] };
  private readonly history: ScreenEvent[] = [];
  // Transactions this station has had (1.6: the CSMS's ids; 2.0.1: its own), running or ended.
  private readonly known = new Set<string>();
  private readonly running = new Set<string>();
  // Values the CSMS set on the station for its screen (configuration keys,
  // variables), kept for the life of the station as it keeps them across reboots.
  readonly settings = new Map<string, string>();

  constructor(
    readonly option: DisplayOption,
    private readonly now: () => Date,
  ) {}

  // A transaction on the EVSE ends the web payment waiting there.
  transactionStarted(id: string, evseId?: number): void {
    this.known.add(id);
    this.running.add(id);
    if (evseId !== undefined) this.shown.paymentsInProgress = this.shown.paymentsInProgress.filter((p) => p.evseId !== evseId && p.evseId !== 0);
  }

  // 2.0.1 O01: a message bound to a transaction is removed when it ends.
  transactionEnded(id: string): void {
    this.running.delete(id);
    this.shown.messages = this.shown.messages.filter((m) => m.transactionId !== id);
  }

  hasHad(transactionId: string): boolean {
    return this.known.has(transactionId);
  }

  isRunning(transactionId: string): boolean {
    return this.running.has(transactionId);
  }

  record(kind: ScreenEventKind, data: unknown, apply: (now: ScreenNow) => void): void {
    apply(this.shown);
    this.history.push({ at: this.now().toISOString(), kind, data });
    if (this.history.length > MOST_HISTORY) this.history.shift();
  }

  setMessage(m: DisplayMessageShown): void {
    this.record('display_message', m, (now) => {
      now.messages = [...now.messages.filter((x) => x.id !== m.id), m].sort((a, b) => a.id - b.id);
    });
  }

  clearMessage(id: number): boolean {
    const found = this.shown.messages.some((m) => m.id === id);
    this.record('clear_display_message', { id }, (now) => {
      now.messages = now.messages.filter((m) => m.id !== id);
    });
    return found;
  }

  webPaymentStarted(evseId: number, until: Date): void {
    const shown = { evseId, until: until.toISOString() };
    this.record('web_payment', shown, (now) => {
      now.paymentsInProgress = [...now.paymentsInProgress.filter((p) => p.evseId !== evseId), shown];
    });
  }

  paymentInProgress(evseId: number): boolean {
    return this.inProgress().some((p) => p.evseId === evseId || p.evseId === 0);
  }

  // The text of the QR code the EVSE's screen shows now: its own display's
  // before the station's, then by priority, then the newest id.
  qrCode(evseId: number): string | undefined {
    const at = this.now().getTime();
    const rank = (m: DisplayMessageShown) => (m.evseId === evseId ? 0 : 10) + PRIORITY.indexOf(m.priority);
    const shown = this.inForce().filter((m) => m.format === 'QRCODE' && (m.evseId === undefined || m.evseId === evseId));
    return shown
      .filter((m) => !m.startDateTime || Date.parse(m.startDateTime) <= at)
      .sort((a, b) => rank(a) - rank(b) || b.id - a.id)[0]?.content;
  }

  view(): ScreenView {
    const now = { ...this.shown, messages: this.inForce(), paymentsInProgress: this.inProgress() };
    return { option: this.option, now: structuredClone(now), history: structuredClone(this.history) };
  }

  // A message past its end is no longer shown (O01 endDateTime).
  private inForce(): DisplayMessageShown[] {
    const at = this.now().getTime();
    return this.shown.messages.filter((m) => !m.endDateTime || Date.parse(m.endDateTime) > at);
  }

  private inProgress(): PaymentInProgress[] {
    const at = this.now().getTime();
    return this.shown.paymentsInProgress.filter((p) => Date.parse(p.until) > at);
  }
}
