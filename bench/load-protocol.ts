import type { LoadProtocol } from './load-messages.ts';

// The OCPP payloads a lean bench station sends, in 1.6J and 2.0.1, valid
// against the official schemas (Ladepay checks every frame in strict mode).

export interface StationState {
  id: string;
  protocol: LoadProtocol;
  charging: boolean;
  meterWh: number;
  transactionId?: number; // 1.6: given by the CSMS
  seqNo: number; // 2.0.1 TransactionEvent
}

export type Call = [action: string, payload: object];

const ENERGY = 'Energy.Active.Import.Register';
const POWER_W = 11_000;
// 11 kW for 10 s.
const WH_PER_SAMPLE = 31;

export function bootCalls(s: StationState): Call[] {
  const at = new Date().toISOString();
  if (s.protocol === 'ocpp1.6') {
    return [
      ['BootNotification', { chargePointVendor: 'Ladepay', chargePointModel: 'BenchLoad', firmwareVersion: 'bench-1' }],
      ['StatusNotification', { connectorId: 0, errorCode: 'NoError', status: 'Available', timestamp: at }],
      ['StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: at }],
    ];
  }
  return [
    ['BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'Ladepay', model: 'BenchLoad', firmwareVersion: 'bench-1' } }],
    ['StatusNotification', { timestamp: at, connectorStatus: 'Available', evseId: 1, connectorId: 1 }],
  ];
}

// A station that lost its socket boots again on the next one (as stations
// that boot on every reconnect do), its connector as it is: a charging one
// charges on, its transaction with it.
export function rebootCalls(s: StationState): Call[] {
  const [boot] = bootCalls(s);
  if (!boot || !s.charging) return bootCalls(s);
  const at = new Date().toISOString();
  if (s.protocol === 'ocpp1.6') return [boot, ['StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging', timestamp: at }]];
  return [boot, ['StatusNotification', { timestamp: at, connectorStatus: 'Occupied', evseId: 1, connectorId: 1 }]];
}

// A transaction with a tag Ladepay does not know: it answers Invalid, but a
// 1.6 station still gets a transaction id, and the meter values that follow
// are load like any other.
export function startCalls(s: StationState): Call[] {
  const at = new Date().toISOString();
  if (s.protocol === 'ocpp1.6') {
    return [
      ['StartTransaction', { connectorId: 1, idTag: 'BENCHLOAD', meterStart: s.meterWh, timestamp: at }],
      ['StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging', timestamp: at }],
    ];
  }
  return [
    ['StatusNotification', { timestamp: at, connectorStatus: 'Occupied', evseId: 1, connectorId: 1 }],
    [
      'TransactionEvent',
      {
        eventType: 'Started',
        timestamp: at,
        triggerReason: 'Authorized',
        seqNo: s.seqNo++,
        transactionInfo: { transactionId: `${s.id}-tx`, chargingState: 'Charging' },
        idToken: { idToken: 'BENCHLOAD', type: 'Central' },
        evse: { id: 1, connectorId: 1 },
        meterValue: [{ timestamp: at, sampledValue: [{ value: s.meterWh, measurand: ENERGY, context: 'Transaction.Begin' }] }],
      },
    ],
  ];
}

export function heartbeatCall(): Call {
  return ['Heartbeat', {}];
}

export function meterCall(s: StationState): Call {
  s.meterWh += WH_PER_SAMPLE;
  const at = new Date().toISOString();
  if (s.protocol === 'ocpp1.6') {
    return [
      'MeterValues',
      {
        connectorId: 1,
        ...(s.transactionId === undefined ? {} : { transactionId: s.transactionId }),
        meterValue: [
          {
            timestamp: at,
            sampledValue: [
              { value: String(s.meterWh), measurand: ENERGY, unit: 'Wh', context: 'Sample.Periodic' },
              { value: String(POWER_W), measurand: 'Power.Active.Import', unit: 'W', context: 'Sample.Periodic' },
            ],
          },
        ],
      },
    ];
  }
  return [
    'TransactionEvent',
    {
      eventType: 'Updated',
      timestamp: at,
      triggerReason: 'MeterValuePeriodic',
      seqNo: s.seqNo++,
      transactionInfo: { transactionId: `${s.id}-tx`, chargingState: 'Charging' },
      meterValue: [
        {
          timestamp: at,
          sampledValue: [
            { value: s.meterWh, measurand: ENERGY, context: 'Sample.Periodic' },
            { value: POWER_W, measurand: 'Power.Active.Import', context: 'Sample.Periodic' },
          ],
        },
      ],
    },
  ];
}

// Answers to what the CSMS asks of a station (Ladepay sets the meter
// interval after every boot). undefined: answered NotImplemented.
export function answerTo(protocol: LoadProtocol, action: string, payload: unknown): object | undefined {
  if (protocol === 'ocpp1.6') {
    if (action === 'ChangeConfiguration') return { status: 'Accepted' };
    if (action === 'TriggerMessage') return { status: 'Rejected' };
    return undefined;
  }
  if (action === 'SetVariables') {
    const data = (payload as { setVariableData?: Array<{ component: object; variable: object }> }).setVariableData ?? [];
    return { setVariableResult: data.map((d) => ({ attributeStatus: 'Accepted', component: d.component, variable: d.variable })) };
  }
  if (action === 'TriggerMessage') return { status: 'Rejected' };
  return undefined;
}
