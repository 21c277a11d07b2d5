import type { CostDetails } from './tariff-cost.ts';
import type { Tariff } from './tariff.ts';

// What the OCPP 2.1 tests of the simulator share: the car, the register it
// starts from, a tariff, and the TransactionEvent as the test CSMS saw it.

export interface TxEvent {
  eventType: string;
  triggerReason: string;
  seqNo: number;
  offline?: boolean;
  transactionInfo: { transactionId: string; stoppedReason?: string; tariffId?: string; transactionLimit?: object };
  meterValue?: Array<{ sampledValue: Array<{ value: number; measurand: string }> }>;
  costDetails?: CostDetails;
}

export const CAR = { batteryWh: 50_000, socPercent: 50, maxPowerW: 11_000 }; // 11 kW: 3.06 Wh a second
export const START_WH = 1_000_000;
export const VAT = [{ type: 'VAT', tax: 25 }];
export const ENERGY_ONLY: Tariff = { tariffId: 'ENERGY-4', currency: 'NOK', energy: { prices: [{ priceKwh: 4 }], taxRates: VAT } };

// The energy register an event carries.
export function register(event: TxEvent | undefined): number {
  const energy = event?.meterValue?.[0]?.sampledValue.find((v) => v.measurand === 'Energy.Active.Import.Register');
  if (!energy) throw new Error('no register in the event');
  return energy.value;
}
