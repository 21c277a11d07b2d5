import type { ChargePoint } from '../../simulators/charge-point/index.ts';
import type { Session } from '../../src/core/session/session.ts';
import type { TestSystem } from '../support/system.ts';

// A drop-in session run to the end on a connected charge point: paid in the
// Vipps simulator's phone, charged for `minutes`, stopped by the driver,
// captured and receipted.
export async function chargeUntil(
  sys: TestSystem,
  cp: ChargePoint,
  code: string,
  o: { minutes: number; end: 'charging' | 'settled'; maxAmountOre?: number },
): Promise<Session> {
  await cp.plugIn(1, { socPercent: 30 });
  const started = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: o.maxAmountOre ?? 35_000, method: 'WALLET' });
  if (!started.ok) throw new Error(`drop-in refused: ${JSON.stringify(started)}`);
  const waiting = await sys.session(started.token);
  sys.vipps.phone.approve(waiting.reference);
  await sys.waitForState(started.token, 'charging');
  await cp.tick(o.minutes * 60_000);
  if (o.end === 'charging') return sys.waitForState(started.token, 'charging');
  await sys.ladepay.driver.stop(started.token);
  await sys.waitForState(started.token, 'settled');
  await sys.ladepay.outboxWorker.drain();
  return sys.session(started.token);
}
