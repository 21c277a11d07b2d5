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
  properties: { id: str, name: str, address: str, disabled: bool, createdAt: str },
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
    disabled: bool,
    createdAt: str,
    ocppUrl: str,
    connectors: { type: 'array', items: connectorSchema },
  },
} as const;

export const tariffSchema = {
  type: 'object',
  properties: {
    id: str,
    siteId: nullableStr,
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
  properties: { kind: str, quantity: int, unitPriceOre: int, amountOre: int, vatOre: int, netOre: int, vatRateBasisPoints: int },
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
    costOre: int,
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
