import type { Role } from '../../../../core/operator-role.ts';
import type { DisplaySupport } from '../../../../usecases/ports/charger-display.ts';
import type { SessionState } from '../../../../core/vocabulary/session-states.ts';
import type { Section } from '../console-sections.ts';
import type { ChargingHere, OperationRefusal } from '../../../../usecases/operator/station-operations.ts';
import type { PeriodError } from '../../../../core/tariff-schedule.ts';
import type { PowerClass } from '../../../../core/tariff-assignment.ts';
import type { TariffCreateRefusal } from '../../../../usecases/operator/tariff-admin.ts';
import type { StationStopReason, StopSource } from '../../../../core/vocabulary/stop-reasons.ts';
import type { StationAnswer } from '../../../../usecases/ports/charger-operations.ts';
import type { AlertThresholds } from '../../../../core/alerts/alert-thresholds.ts';
import type { ConnectorStatusOrUnknown } from '../../../../core/vocabulary/connector-status.ts';
import type { AlertRule } from '../../../../core/vocabulary/alert-rules.ts';
import type { BillLineKind } from '../../../../core/bill.ts';
import type { Session } from '../../../../core/session/session.ts';

export type MeterRejectionReason = NonNullable<Session['meterRejections']>[number]['reason'];

// Every text on the console's pages, per language. en.ts and nb.ts are typed
// with this interface, so a text missing in one language does not compile.
// Technical values (state codes, OCPP keys and error codes, audit actions)
// are shown as they are; where an operator reads a state, a label goes with it.

// Confirmations after a form's redirect, by code (notices.ts).
export const NOTICE_CODES = [
  'site-created',
  'site-saved',
  'station-saved',
  'connector-added',
  'connector-saved',
  'tariff-created',
  'stopped',
  'payment-cancelled',
  'settled',
  'retried',
  'refunded',
  'lockout-lifted',
  'lockout-gone',
  'refund-repeated',
  'reviewed',
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

export interface Messages {
  languageName: string; // this language, named in itself (the switch link on the other language's pages)
  layout: {
    consoleName: string; // "Ladepay console", after the page title
    skipToContent: string;
    navLabel: string;
    nav: Record<Section, string>;
    openAlerts: (n: number) => string; // the badge's accessible name
    logOut: string;
    languageSwitch: string; // the accessible name of the language link's group
    role: Record<Role, string>;
  };
  common: {
    backToConsole: string;
    back: string;
    save: string;
    show: string;
    cancel: string;
    name: string;
    address: string;
    site: string;
    station: string;
    stations: string;
    status: string;
    connector: string;
    connectors: string;
    session: string;
    none: string;
    any: string;
    from: string;
    to: string;
    lastSeen: string;
    online: string;
    offline: string;
    disabled: string;
    active: string;
    notFound: string;
    noSuchStation: string;
    noSuchConnector: string;
    noSuchSite: string;
    noSuchSession: string;
    reason: string;
    amount: string;
    vat: string;
    total: string;
  };
  pages: {
    notFoundText: string;
    formRefusedTitle: string;
    formRefused: string;
    notAllowedTitle: string;
    notAllowed: (role: string, needed: string) => string;
    errorTitle: string;
    refusedTitle: string;
    serverError: string;
    tooMany: string;
    badRequest: string;
  };
  forms: {
    problemSummary: (n: number) => string;
    nameRequired: string;
    atMost200: string;
  };
  notices: Record<NoticeCode, string>;
  login: {
    title: string;
    email: string;
    password: string;
    button: string;
    tooMany: string;
    expired: string;
    missing: string;
    wrong: string;
  };
  states: Record<SessionState, string>;
  live: {
    title: string;
    noSession: string;
    waitingFor: (age: string) => string;
    max: (amount: string) => string;
    of: (amount: string) => string;
    vendor: (code: string) => string;
    wholeStation: (status: string) => string;
    since: (at: string) => string;
    undeclared: (no: number) => string;
    undeclaredReports: (status: string, last: string) => string;
    summary: (online: number, stations: number, active: number) => string;
    updated: (at: string) => string;
    stopUpdating: string;
    startUpdating: string;
    noStations: string;
    addFirst: string;
    connectorStatus: Record<ConnectorStatusOrUnknown, string>;
  };
  alerts: {
    title: string;
    rules: Record<AlertRule, string>;
    ackRefused: Record<'not_found' | 'resolved' | 'already', string>;
    notYet: string;
    openCount: (n: number) => string;
    allOpen: (n: number) => string;
    since: (at: string) => string;
    rulesOff: string;
    ownersChange: string;
    saveThresholds: string;
    acknowledge: string;
    open: string;
    noOpen: string;
    headSince: string;
    headRule: string;
    headWhat: string;
    headAcknowledged: string;
    thresholds: string;
    resolvedLately: string;
    headOpened: string;
    headResolved: string;
    acknowledged: string;
    thresholdsSaved: string;
    thresholdLabels: Record<Exclude<keyof AlertThresholds, 'off'>, string>;
  };
  sessions: {
    title: string;
    filterLabel: string;
    state: string;
    reference: string;
    csv: string;
    newest: (n: number) => string;
    started: string;
    energyKwh: string;
    none: string;
    unknownState: string;
    badFrom: string;
    badTo: string;
    toBeDecided: string;
  };
  session: {
    title: (reference: string) => string;
    facts: string;
    started: string;
    chargingFrom: string;
    ended: string;
    stoppedBy: (source: string, reason?: string) => string;
    stopSources: Record<StopSource, string>;
    stationStopReasons: Record<StationStopReason, string>;
    fault: string;
    wholeStation: string;
    connectorScope: string;
    noCode: string;
    energy: string;
    at: (kw: string) => string;
    cost: string;
    maximum: string;
    authorized: string;
    captured: string;
    released: string;
    refunded: string;
    failure: string;
    captureFailed: string;
    flags: string;
    transaction: string;
    actions: string;
    cancelPayment: string;
    stopCharging: string;
    settleNow: string;
    retry: (what: string) => string;
    refund: string;
    refundAmount: string;
    refundAtMost: (left: string, captured: string) => string;
    keptWithSession: string;
    refundButton: string;
    nothingToDo: string;
    pricedLines: string;
    notPricedReview: string;
    idleNote: (from: string, until: string) => string;
    notPricedYet: (cost: string) => string;
    timeline: string;
    lastFrames: (n: number) => string;
    payload: string;
    review: string;
    reviewIntro: (failure: string, at: string) => string;
    decided: (at: string, what: string, reason: string) => string;
    captureOf: (amount: string) => string;
    releaseEverything: string;
    reservationHeld: (amount: string) => string;
    captureLabel: string;
    captureAtMost: (amount: string) => string;
    captureButton: string;
    releaseButton: string;
    receipt: string;
    receiptLater: string;
    seller: string;
    orgNumber: string;
    date: string;
    receiptNumber: string;
    paidWith: string;
    paidCard: string;
    inVippsApp: string;
    item: string;
    quantity: string;
    ofWhichVat: (rates: string, vat: string, net: string) => string;
    refundedSince: (amount: string) => string;
    line: string;
    unitPrice: string;
    net: string;
    lineNames: Record<BillLineKind, string>;
    meterNotBilled: string;
    implausible: (count: number, lastKwh: string, shown?: number) => string;
    received: string;
    stationTime: string;
    source: string;
    register: string;
    atMostKwh: string;
    why: string;
    fromStop: string;
    fromMeter: string;
    meterReasons: Record<MeterRejectionReason, string>;
    problems: {
      notFound: string;
      invalidAmount: string;
      moreThanCaptured: string;
      reasonRequired: string;
      notDead: string;
      moreThanAuthorized: string;
      keyRequired: string;
      keyReused: string;
      refundInProgress: string;
      invalidDecision: string;
      nothingToReview: string;
      nothingDone: (state: string) => string;
      refused: (reason: string) => string;
    };
    confirmTitle: string;
    confirmQuestion: (amount: string, captured: string) => string;
    refundedBefore: string;
    confirmNote: string;
    confirmYes: (amount: string) => string;
    confirmNo: string;
  };
  stations: {
    title: string;
    add: string;
    importCsv: string;
    lockouts: string;
    exists: string;
    noActiveSite: string;
    chooseSite: string;
    createSiteFirst: [string, string]; // the text before and after the link to the sites
    sitesLink: string;
    ocppIdentity: string;
    ocppIdentityHint: string;
    nameHint: string;
    maxPower: string;
    ocppPassword: string;
    optional: (rule: string) => string;
    passwordRule: string;
    addButton: string;
    badId: string;
    connectorCount: string;
    chooseType: string;
    badPower: string;
    added: (name: string) => string;
    addedTitle: string;
    addedNotice: string;
    code: string;
    landingPage: string;
    printStickers: string;
    stationPage: string;
    connectorType: string;
    secretTitle: string;
    shownOnlyNow: string;
    enterInStation: string;
    ocppUrl: string;
    username: string;
    password: string;
    securityProfile: string;
    securityProfileText: string;
    // The station page
    connection: string;
    protocol: string;
    vendorModel: string;
    firmware: string;
    serialNumber: string;
    lastBoot: string;
    settings: string;
    disabledStation: string;
    // The price on the charger's own screen (docs/price-display.md)
    priceDisplay: string;
    priceDisplayAuto: string;
    priceDisplayOff: string;
    priceDisplayHint: string;
    displaySupport: string;
    displaySupportText: (support: DisplaySupport | null) => string;
    maxKw: string;
    disabledConnector: string;
    connectorLabel: (code: string) => string;
    addConnector: string;
    stickersForStation: string;
    connectorProblem: string;
    // The OCPP password card
    passwordTitle: string;
    strength: Record<'strong' | 'unchecked' | 'weak', string>;
    strengthBadge: Record<'strong' | 'unchecked' | 'weak', string>;
    secondNext: string;
    secondPrevious: string;
    secondUntil: (head: string, until: string) => string;
    rotate: string;
    rotateHint: string;
    rotateOffline: string;
    setByHand: string;
    setPassword: string;
    noLockouts: string;
    lockoutCaption: string;
    fromAddress: string;
    failures: string;
    until: string;
    everyStation: string;
    lift: string;
    backToStation: string;
    newPasswordFor: (name: string) => string;
    newPasswordTitle: string;
    oldNoLonger: string;
    passwordChangeFor: (name: string) => string;
    passwordChangeTitle: string;
    rotation: {
      accepted: (until: string) => string;
      rejected: string;
      offline: string;
      timeout: (until: string) => string;
      error: (until: string) => string;
    };
  };
  operations: {
    title: string;
    offlineHint: string;
    wholeStation: string;
    connectorOption: (no: number, code: string) => string;
    resetType: string;
    soft: string;
    hard: string;
    reset: string;
    unlockWhich: string;
    unlock: string;
    unlockConnector: string;
    availabilityOf: string;
    make: string;
    inoperative: string;
    operative: string;
    availability: string;
    changeAvailability: string;
    keys: string;
    keysHint: string;
    readConfiguration: string;
    key: string;
    value: string;
    changeConfiguration: string;
    changeKey: string;
    triggerWhich: string;
    forTarget: string;
    trigger: string;
    sendTrigger: string;
    firmwareUrl: string;
    downloadAt: string;
    downloadAtHint: string;
    firmwareUpdate: string;
    updateFirmware: string;
    diagnosticsTo: string;
    diagnosticsUpload: string;
    uploadDiagnostics: string;
    needRole: string;
    none: string;
    logCaption: string;
    when: string;
    operation: string;
    asked: string;
    answer: string;
    by: string;
    transferCaption: string;
    what: string;
    actions: Record<string, string>;
    // The answer page
    what_: Record<'reset' | 'unlock' | 'availability' | 'configuration' | 'configurationChange' | 'trigger' | 'firmware' | 'diagnostics', string>;
    titles: Record<'reset' | 'unlock' | 'availability' | 'configuration' | 'configurationChange' | 'trigger' | 'firmware' | 'diagnostics', string>;
    answerText: (what: string, answer: StationAnswer) => string;
    chargingText: (charging: readonly ChargingHere[]) => string;
    refusalText: (r: OperationRefusal) => string;
    chooseReset: string;
    chooseConnector: string;
    chooseAvailability: string;
    tooManyKeys: string;
    chooseTrigger: string;
    badDownloadTime: string;
    file: string;
    requestId: string;
    progressNote: string;
    readonly: string;
    change: string;
    changeOf: (key: string) => string;
    newValueOf: (key: string) => string;
    anyway: (title: string) => string;
  };
  sites: {
    title: string;
    exists: string;
    badId: string;
    newSite: string;
    siteId: string;
    siteIdHint: string;
    create: string;
    siteIdIs: string;
    disabledSite: string;
  };
  tariffs: {
    title: string;
    intro: string;
    appliesTo: string;
    prices: string;
    validFrom: string;
    standing: Record<'in force' | 'scheduled' | 'replaced', string>;
    connectorIs: (name: string) => string;
    allSites: string;
    perKwh: (price: string) => string;
    start: (price: string) => string;
    perHour: (price: string) => string;
    idle: (perMinute: string, grace: number, cap: string) => string;
    newTariff: string;
    allSitesOption: string;
    powerCurrent: string;
    acOrDc: string;
    powerFrom: string;
    powerFromHint: string;
    powerBelow: string;
    powerBelowHint: string;
    oneConnector: string;
    noSingleConnector: string;
    basePrices: string;
    perKwhLabel: string;
    perKwhHint: string;
    startFeeLabel: string;
    perHourLabel: string;
    idleLabel: string;
    idleHint: string;
    graceLabel: string;
    capLabel: string;
    vatLabel: string;
    periods: string;
    periodsHint: string;
    days: string;
    krPerKwh: string;
    startFee: string;
    krPerHour: string;
    idleKrPerMin: string;
    periodCell: (row: number, what: string) => string;
    cellNames: Record<'days' | 'from' | 'to' | 'perKwh' | 'startFee' | 'perHour' | 'idlePerMinute', string>;
    validFromLabel: string;
    validFromHint: string;
    create: string;
    errors: {
      tooLargeVat: string;
      tooLarge: string;
      idleNeedsCap: string;
      capNeedsFee: string;
      noChargingPrice: string;
      negative: string;
      invalid: string;
      kroner: string;
      minutes: string;
      percent: string;
      dateTime: string;
      periodDays: string;
      periodKroner: string;
      powerMin: string;
      powerMax: string;
      powerCurrent: string;
    };
    // Refusals of a tariff's periods and assignment; English is the API's wording (tariff-messages.ts).
    periodError: (e: PeriodError) => string;
    powerClass: (c: PowerClass) => string;
    refusal: (r: TariffCreateRefusal) => string;
  };
  reports: {
    title: string;
    chooseLabel: string;
    per: string;
    by: string;
    groups: Record<'day' | 'month', string>;
    bys: Record<'site' | 'station', string>;
    csv: string;
    printed: (seller: string, from: string, to: string, group: string, by: string, at: string) => string;
    day: string;
    month: string;
    sessions: string;
    energy: string;
    net: string;
    gross: string;
    refunds: string;
    utilisation: string;
    failedStarts: string;
    paymentFailures: string;
    total: (from: string, to: string) => string;
    note: (zone: string) => string;
    badGroup: string;
    badBy: string;
  };
  roles: {
    role: string;
    roleOf: (email: string) => string;
    meaning: Record<Role, string>;
    title: string;
  };
  users: {
    title: string;
    user: string;
    since: string;
    roleAndStatus: string;
    password: string;
    newUser: string;
    email: string;
    add: string;
    passwordFor: (email: string) => string;
    shownOnlyNow: string;
    giveInPerson: string;
    noUser: string;
    ownAccount: string;
    lastOwner: string;
    emailRequired: string;
    chooseRole: string;
    exists: string;
    added: (email: string, role: string) => string;
    saved: (email: string) => string;
    newPasswordDone: (email: string) => string;
    disabled: string;
    newPassword: string;
  };
  tokens: {
    title: string;
    tokenTitle: (name: string) => string;
    sendAs: [string, string]; // around the Authorization header
    made: string;
    lastUsed: string;
    newToken: string;
    nameHint: string;
    make: string;
    madeNotice: (name: string, role: string) => string;
    noToken: string;
    revokedNotice: (name: string) => string;
    revoked: (at: string) => string;
    revoke: string;
  };
  audit: {
    title: string;
    filterLabel: string;
    who: string;
    action: string;
    all: string;
    when: string;
    from: string;
    subject: string;
    outcome: string;
    detail: string;
    nothing: string;
    nothingFiltered: string;
    older: string;
  };
  stickers: {
    title: string;
    leadsTo: string; // before the landing page's address
    byVipps: string;
    madeHere: string;
    sheetLabel: string;
    print: string;
    code: string;
    disabled: string;
    perPage: string;
    makePdf: string;
  };
  // The station import page; the plan's steps and the per-line errors stay in the words of the import itself.
  stationImport: {
    title: string;
    dryRunTitle: string;
    doneTitle: string;
    intro: (rows: number) => string;
    errors: (n: number) => string;
    line: (n: number) => string;
    plan: (changes: number) => string;
    notRead: string;
    fileLabel: string;
    fileHint: (mib: number) => string;
    pasteLabel: string;
    pasteHint: (columns: string) => string;
    check: string;
    importButton: string;
    passwordsTitle: string;
    shownOnce: string;
    enterEach: string;
    station: string;
    ocppUrl: string;
    password: string;
    connectors: string;
    stickers: string;
    checked: [before: string, after: string]; // around the checked file's name
    checkFirst: string;
    changedSince: string;
    imported: (changes: number) => string;
    back: string;
  };
}
