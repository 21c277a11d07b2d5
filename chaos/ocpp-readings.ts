import type { Reading } from './session-truth.ts';

// The energy register readings in a station's transaction message, OCPP 1.6
// (StartTransaction, MeterValues, StopTransaction) or 2.0.1 (TransactionEvent),
// in Wh, with the timestamp each was stamped with.

type Json = Record<string, unknown>;

interface MeterValue {
  timestamp?: string;
  sampledValue?: Array<{ value?: unknown; measurand?: string; unit?: string; unitOfMeasure?: { unit?: string }; context?: string }>;
}

function fromMeterValues(list: unknown): Reading[] {
  if (!Array.isArray(list)) return [];
  const out: Reading[] = [];
  for (const mv of list as MeterValue[]) {
    for (const sv of mv.sampledValue ?? []) {
      if ((sv.measurand ?? 'Energy.Active.Import.Register') !== 'Energy.Active.Import.Register') continue;
      const unit = sv.unit ?? sv.unitOfMeasure?.unit ?? 'Wh';
      const value = Number(sv.value);
      if (!Number.isFinite(value)) continue;
      out.push({ at: Date.parse(String(mv.timestamp)), wh: Math.round(unit === 'kWh' ? value * 1000 : value), context: sv.context ?? 'Sample.Periodic' });
    }
  }
  return out;
}

export function readingsOf(action: string, p: Json): Reading[] {
  switch (action) {
    case 'StartTransaction':
      return [{ at: Date.parse(String(p.timestamp)), wh: Number(p.meterStart), context: 'Transaction.Begin' }];
    case 'MeterValues':
      return fromMeterValues(p.meterValue);
    case 'StopTransaction':
      return [...fromMeterValues(p.transactionData), { at: Date.parse(String(p.timestamp)), wh: Number(p.meterStop), context: 'Transaction.End' }];
    case 'TransactionEvent':
      return fromMeterValues(p.meterValue);
    default:
      return [];
  }
}
