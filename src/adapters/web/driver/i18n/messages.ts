import type { FaultKind } from '../../../../core/vocabulary/fault-kinds.ts';
import type { StationStopReason } from '../../../../core/vocabulary/stop-reasons.ts';
import type { BillLineKind } from '../../../../core/bill.ts';
import type { StopSource } from '../../../../core/vocabulary/stop-reasons.ts';
import type { ConnectorLiveStatus, SessionPhase } from '../../../../usecases/ports/driver-views.ts';

// Every text on the driver's pages, per language. nb.ts and en.ts are typed
// with this interface, so a key missing in one language does not compile.

export type StartRefusal = 'not_found' | 'offline' | 'faulted' | 'occupied' | 'unavailable' | 'invalid_amount' | 'vipps_unavailable' | 'rate_limited';

// Stable codes from SessionView.failureReason that have their own sentence;
// any other code gets the general one. Every stop source has its own (stopReason).
export const FAILURE_REASONS = [
  'rejected',
  'aborted',
  'expired',
  'terminated',
  'station_refused',
  'station_offline',
  'start_timeout',
  'no_car',
  'connector_faulted',
  'connector_unavailable',
  'connector_reserved',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

// What the built-in terms say depends on these operator settings.
export interface TermsRules {
  billEnergyAfterUndeliveredStop: boolean;
}

export interface TermsSection {
  heading: string;
  paragraphs: string[];
}

export interface Messages {
  languageName: string; // this language, named in itself (the switch link on the other language's pages)
  appName: string;
  skipToContent: string;
  operatedBy: (operator: string) => string;
  termsLink: string;
  paymentsBy: string;

  homeTitle: string;
  homeIntro: string;
  codeLabel: string;
  codeHint: string;
  continueButton: string;
  codeNotFoundTitle: string;
  codeNotFound: (code: string) => string;
  pageNotFoundTitle: string;
  pageNotFound: string;

  landingTitle: (station: string) => string;
  connectorLine: (connectorNo: number, type: string, power: string) => string;
  statusLabel: string;
  status: Record<ConnectorLiveStatus, string>;
  cannotStart: Record<'offline' | 'faulted' | 'occupied' | 'unavailable', string>;
  // Someone else's payment holds the connector until it is approved or the hold runs out ("2:40").
  heldForPayment: (freeIn: string) => string;
  otherConnectorsHeading: string;
  priceHeading: string;
  priceEnergy: string;
  priceStartFee: string;
  priceTime: string;
  priceIdle: string;
  priceNone: string;
  perHour: (price: string) => string;
  perMinute: (price: string) => string;
  idleFeeNote: (graceMinutes: number, cap: string) => string;
  vatIncluded: (rate: string) => string;
  // A tariff with periods: the price now, when it changes next, and the week.
  priceNowHeading: string;
  // "Fra 17:00: 5,90 kr/kWh"; `when` is the clock time, with the weekday when it is not today.
  nextPriceChange: (when: string, price: string) => string;
  scheduleHeading: string;
  scheduleOtherTimes: string;
  weekdayNames: readonly string[]; // Monday first, as in "Fra mandag 06:00"
  weekdayShort: readonly string[]; // Monday first, as in "man.–fre."
  priceAtStartHolds: string;
  amountLegend: string;
  amountReleased: string;
  amountOther: string;
  amountOtherLabel: (min: string, max: string) => string;
  amountChooseOther: string;
  amountBuys: (energy: string) => string;
  amountBuysNote: string;
  amountBuysAtFullPower: string;
  amountIdleReserve: (reserve: string) => string;
  termsAcceptBefore: string;
  termsAcceptLink: string;
  termsAcceptAfter: string;
  payWith: string; // followed by the word "Vipps"
  payWithCard: string;
  errorSummary: string;
  amountMissing: string;
  amountNotANumber: string;
  amountNotWholeKroner: string;
  amountTooLow: (min: string) => string;
  amountTooHigh: (max: string) => string;
  termsRequired: string;
  methodInvalid: string;
  startRefusedTitle: string;
  startRefused: Record<StartRefusal, string>;
  nothingCharged: string;

  statusPageTitle: string;
  phase: Record<SessionPhase, { title: string; hint: string }>;
  resumeVipps: string;
  stationLabel: string;
  energyLabel: string;
  powerLabel: string;
  elapsedLabel: string;
  hourUnit: string; // after the hours of an elapsed time: "1 t 05 min"
  batteryLabel: string;
  costLabel: string;
  costOfMax: (cost: string, max: string) => string;
  referenceLabel: string;
  stopButton: string;
  cancelButton: string;
  stationNotAnswering: string;
  // The idle fee runs: minutes counted so far (after the grace), the fee so far and its cap.
  idleRunning: (minutes: number, fee: string, graceMinutes: number, cap: string) => string;
  idleRelease: string;
  idleElapsedLabel: string;
  liveReconnecting: string;
  stopReason: Record<StopSource, string>;
  // The cost guard's stop names the maximum, and the part of it kept for the idle fee when there is one.
  stopReasonMaximum: (max: string) => string;
  stopReasonMaximumReserve: (max: string, reserve: string) => string;
  stopReasonOther: string;
  // Why the station ended the charge, when it ended it itself.
  stationEndReason: Record<StationStopReason, string>;
  // What the connector reports while the charge is on.
  condition: { fault: (kind: string) => string; fault_cleared: string; paused_by_charger: string; car_paused: string };
  faultKind: Record<FaultKind, string>;
  endedByFault: (kind: string) => string;
  endedByChargerPause: string;
  failureReason: Record<FailureReason, string>;
  failureReasonOther: string;
  tryAgain: string;
  finalHeading: string;
  lineEnergy: (kwh: string, unitPrice: string) => string;
  lineStartFee: string;
  lineTime: (duration: string, perHour: string) => string;
  lineIdle: (minutes: number, perMinute: string) => string;
  lineLimitedToMaximum: string;
  lineNoEnergy: string;
  lineSetByOperator: string;
  netLabel: string;
  vatLabel: (rate: string) => string;
  totalLabel: string;
  capturedLabel: string;
  releasedLabel: string;
  refundedLabel: string;
  receiptHeading: string;
  sellerLabel: string;
  orgNumberLabel: string;
  dateLabel: string;
  receiptInApp: Record<'none' | 'pending' | 'sent' | 'failed', string>;
  stopRefusedTitle: string;
  stopRefused: string;
  backToSession: string;

  errorTitle: string;
  errorBody: string;
  badRequest: string;
  startFromLanding: string;
  tooManyTitle: string;
  tooMany: string;

  termsTitle: string;
  termsIntro: (operator: string) => string;
  terms: (operator: string, rules: TermsRules) => TermsSection[];

  // The operator's support contact, and the receipt as a sales document
  // (bokføringsforskriften § 5-1-1): number, seller, delivery, lines, payment.
  supportHeading: string;
  supportPhoneLabel: string;
  supportEmailLabel: string;
  supportWebLabel: string;
  supportWebLink: string;
  receiptTitle: (receiptNumber: number) => string;
  receiptFileName: (receiptNumber: number) => string; // ASCII, without ".pdf"
  receiptNumberLabel: string;
  addressLabel: string;
  chargingHeading: string;
  connectorOf: (station: string, connectorNo: number) => string;
  placeLabel: string;
  startedLabel: string;
  endedLabel: string;
  descriptionLabel: string;
  quantityLabel: string;
  unitPriceLabel: string;
  vatRateLabel: string;
  amountLabel: string;
  receiptLine: Record<BillLineKind, string>;
  lineDetail: (quantity: string, unitPrice: string, vatRate: string) => string;
  hoursUnit: string;
  paymentHeading: string;
  paymentMethodLabel: string;
  paymentMethod: Record<'WALLET' | 'CARD', string>;
  reservedLabel: string;
  receiptPdfLink: string;
}
