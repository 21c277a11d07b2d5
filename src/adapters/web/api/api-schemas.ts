import { connectorDataAnswer, siteDataAnswer } from './feed-schemas.ts';

// JSON schemas of the REST API's bodies and answers. Answers list their
// properties, so nothing else (a password hash, a status-page token) can slip
// out: Fastify serialises only what the schema names.

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const bool = { type: 'boolean' } as const;

export const errorSchema = {
  type: 'object',
  properties: { error: str, message: str, details: { type: 'array', items: { type: 'object', additionalProperties: true } } },
  required: ['error', 'message'],
} as const;

export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, errorSchema]));

export const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] } as const;

export const siteSchema = {
  type: 'object',
  properties: { id: str, name: str, address: str, disabled: bool, createdAt: str, ...siteDataAnswer },
} as const;

export const connectorSchema = {
  type: 'object',
  properties: {
    id: str,
    stationId: str,
    connectorNo: int,
    code: str,
    landingUrl: str,
    type: str,
    maxPowerW: int,
    status: str,
    errorCode: nullableStr,
    statusAt: nullableStr,
    disabled: bool,
    ...connectorDataAnswer,
  },
} as const;

export const stationSchema = {
  type: 'object',
  properties: {
    id: str,
    siteId: str,
    name: str,
    online: bool,
    lastSeenAt: nullableStr,
    protocol: nullableStr,
    vendor: nullableStr,
    model: nullableStr,
    firmware: nullableStr,
    serialNumber: { type: ['string', 'null'], description: 'as the station gave it in its last BootNotification' },
    lastBootAt: { type: ['string', 'null'], description: 'when its last BootNotification came' },
    disabled: bool,
    createdAt: str,
    priceDisplay: { type: 'string', enum: ['auto', 'off'], description: 'the price on the station’s own screen (docs/price-display.md): auto = when the station says it can show it' },
    displaySupport: {
      type: ['object', 'null'],
      description: 'what the station said its screen can show, asked after each boot; null: not asked yet',
      properties: {
        kind: { type: 'string', enum: ['none', 'california', 'display_messages'] },
        decimals: int,
        languages: { type: 'array', items: str },
        messages: bool,
        tariff: bool,
        cost: bool,
        currency: str,
        tariffs21: { type: 'boolean', description: 'OCPP 2.1: the station takes tariffs and prices the charge itself' },
        qrCode: { type: 'boolean', description: 'OCPP 2.1: the screen shows QR codes (MessageFormat QRCODE)' },
      },
    },
    ocppUrl: str,
    connectors: { type: 'array', items: connectorSchema },
  },
} as const;

const priceProperties = {
  perKwhOre: int,
  startFeeOre: int,
  perHourOre: int,
  idlePerMinuteOre: int,
  idleGraceMinutes: int,
  idleCapOre: int,
} as const;

export const powerClassSchema = {
  type: ['object', 'null'],
  description: 'Connectors of this current (AC: Type 1/2, Schuko; DC: CCS, CHAdeMO; null: either) rated at least minPowerW and below maxPowerW (null: no upper bound). null: no power class.',
  properties: { current: { type: ['string', 'null'], enum: ['AC', 'DC', null] }, minPowerW: int, maxPowerW: { type: ['integer', 'null'] } },
} as const;

export const periodSchema = {
  type: 'object',
  description: 'A time of the week on Norway\'s clock (Europe/Oslo) with its own prices; a `to` at or before `from` ends the next day. A price left out is the base price.',
  properties: {
    days: { type: 'array', items: { type: 'integer' }, description: 'ISO weekdays: 1 = Monday … 7 = Sunday' },
    from: { type: 'string', description: '"HH:MM"' },
    to: { type: 'string', description: '"HH:MM", or "24:00"' },
    ...priceProperties,
  },
} as const;

export const tariffSchema = {
  type: 'object',
  properties: {
    id: str,
    siteId: nullableStr,
    connectorId: nullableStr,
    powerClass: powerClassSchema,
    periods: { type: 'array', items: periodSchema },
    name: str,
    perKwhOre: int,
    startFeeOre: int,
    perHourOre: int,
    idlePerMinuteOre: int,
    idleGraceMinutes: int,
    idleCapOre: int,
    vatRateBasisPoints: int,
    validFrom: str,
    createdAt: str,
  },
} as const;

const lineSchema = {
  type: 'object',
  description: 'A line of the stored bill. Lines add up to totalOre, which is what is captured; an adjustment (limited_to_maximum, no_energy) is negative.',
  properties: {
    kind: { type: 'string', enum: ['energy', 'start_fee', 'time', 'idle', 'limited_to_maximum', 'no_energy', 'set_by_operator'] },
    quantity: int,
    unitPriceOre: int,
    amountOre: int,
    vatOre: int,
    netOre: int,
    vatRateBasisPoints: int,
  },
} as const;

const reviewSchema = {
  type: ['object', 'null'],
  description: 'Set when the session could not be priced: it waits in needs_review, its reservation held, for an operator to decide.',
  properties: {
    failure: str,
    openedAt: str,
    decision: { type: 'object', properties: { action: { type: 'string', enum: ['capture', 'release'] }, amountOre: int, reason: str, at: str } },
  },
} as const;

const implausibleReadingSchema = {
  type: 'object',
  description: 'A meter reading that failed the physics check and was not billed; the raw frame is in the station’s OCPP log at receivedAt.',
  properties: {
    source: { type: 'string', enum: ['meter', 'stop'] },
    registerWh: int,
    stationAt: str,
    receivedAt: str,
    reason: str,
    limitWh: int,
  },
} as const;

export const sessionSchema = {
  type: 'object',
  properties: {
    id: str,
    reference: str,
    state: str,
    stationId: str,
    connectorId: str,
    connectorNo: int,
    createdAt: str,
    updatedAt: str,
    chargingStartedAt: nullableStr,
    endedAt: nullableStr,
    stopSource: nullableStr,
    failure: nullableStr,
    energyWh: int,
    costOre: { type: ['integer', 'null'] },
    maxAmountOre: int,
    authorizedOre: int,
    capturedOre: int,
    cancelledOre: int,
    refundedOre: int,
    receipt: str,
    flags: { type: 'array', items: str },
    lines: { type: 'array', items: lineSchema },
    totalOre: { type: ['integer', 'null'] },
    vatOre: { type: ['integer', 'null'] },
    netOre: { type: ['integer', 'null'] },
    review: reviewSchema,
    implausibleReadings: { type: 'array', items: implausibleReadingSchema },
    implausibleReadingCount: int,
  },
} as const;

export const refundAnswerSchema = {
  type: 'object',
  properties: {
    ...sessionSchema.properties,
    refund: { type: 'object', properties: { amountOre: int, repeated: { type: 'boolean', description: 'true: this key was refunded before; nothing more was refunded now' } } },
  },
} as const;

export const sessionDetailSchema = {
  type: 'object',
  properties: {
    ...sessionSchema.properties,
    events: {
      type: 'array',
      items: { type: 'object', properties: { at: str, source: str, type: str, data: { type: 'object', additionalProperties: true } } },
    },
  },
} as const;
