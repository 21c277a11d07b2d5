import { transactionCost, type CostDetails } from './tariff-cost.ts';
import { transactionUsage } from './transaction.ts';
import type { Connector } from './connector.ts';
import type { LimitReached, TransactionLimit } from './transaction-limit.ts';

// What a 2.1 station holds a transaction to, and whether it stopped it: the
// running transaction on the EVSE, or else the last one.
export interface LimitsView {
  transactionId?: string; // the station's own id (2.x transactionId)
  running: boolean;
  limit?: TransactionLimit; // the latest the CSMS gave
  reached?: LimitReached; // the limit the station stopped the transaction at
  cost?: CostDetails; // its own reckoning, as its TransactionEvents carry it
}

export function limitsView(c: Connector, costSkewPercent: number): LimitsView {
  const tx = c.tx ?? c.lastTx;
  if (!tx) return { running: false };
  const cost = transactionCost(tx.tariffs, transactionUsage(tx, c.meter.registerWh), costSkewPercent);
  return structuredClone({
    transactionId: tx.localId,
    running: c.tx === tx,
    ...(tx.limit ? { limit: tx.limit } : {}),
    ...(tx.limitReached ? { reached: tx.limitReached } : {}),
    ...(cost ? { cost } : {}),
  });
}
