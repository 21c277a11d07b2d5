import { randomUUID } from 'node:crypto';
import type { ChargePoint } from '../simulators/charge-point/index.ts';
import type { HostilePlan } from './session-plan.ts';
import type { Attack, SessionTruth, TxTruth } from './session-truth.ts';
import type { WorldClock } from './world-clock.ts';

// A station with valid credentials of its own that sends messages about other
// stations' sessions. It knows what a driver can see (the Vipps reference
// shown on the phone and the status page) and guesses the rest: the id tag is
// derived from the reference the way Ladepay derives it today ("LP" + the
// session id in capitals; the reference is "lp-" + the same id), and a 1.6
// transaction id is a small integer (here: the victim's own, a lucky guess).

export function tagFromReference(reference: string): string {
  return `LP${reference.replace(/^lp-/, '').toUpperCase()}`;
}

export class HostileStations {
  private readonly busy = new Map<string, Promise<unknown>>();

  constructor(
    private readonly stations: Record<'ocpp1.6' | 'ocpp2.0.1', ChargePoint>,
    private readonly clock: WorldClock,
  ) {}

  async attack(victim: SessionTruth, tx: TxTruth, plan: HostilePlan, registerNowWh: number): Promise<void> {
    const station = this.stations[plan.protocol];
    const tag = tagFromReference(victim.reference ?? '');
    const at = this.clock.now().toISOString();
    const wh = plan.absurd ? 99_999_999 : registerNowWh + 150_000;
    const [action, params] = plan.protocol === 'ocpp1.6' ? message16(plan.kind, tag, tx, wh, at) : message201(plan.kind, tag, wh, at);
    const record: Attack = { kind: plan.kind, from: station.stationId, at: this.clock.nowMs(), action };
    victim.attacks.push(record);
    // One call in flight per station (OCPP-J): attacks from the same station wait in line.
    const before = this.busy.get(station.stationId) ?? Promise.resolve();
    const sent = before.then(() => station.sendRaw(JSON.stringify([2, randomUUID(), action, params]), 15_000)).catch(() => undefined);
    this.busy.set(station.stationId, sent);
    const answer = await sent;
    if (typeof answer !== 'string') return;
    record.answer = JSON.parse(answer) as unknown[];
    const payload = (record.answer[2] ?? {}) as { idTagInfo?: { status?: string }; idTokenInfo?: { status?: string } };
    record.tokenAccepted = (payload.idTagInfo?.status ?? payload.idTokenInfo?.status) === 'Accepted';
  }
}

function energy16(wh: number, at: string, context: string) {
  return [{ timestamp: at, sampledValue: [{ value: String(wh), context, measurand: 'Energy.Active.Import.Register', location: 'Outlet', unit: 'Wh' }] }];
}

function message16(kind: HostilePlan['kind'], tag: string, tx: TxTruth, wh: number, at: string): [string, Record<string, unknown>] {
  // A 2.0.1 victim's transaction id is a UUID: a 1.6 attacker can only guess a small integer.
  const transactionId = /^\d+$/.test(tx.csmsId ?? '') ? Number(tx.csmsId) : 1 + (tx.startWh % 1000);
  if (kind === 'authorize') return ['Authorize', { idTag: tag }];
  if (kind === 'meter') return ['MeterValues', { connectorId: 1, transactionId, meterValue: energy16(wh, at, 'Sample.Periodic') }];
  return ['StopTransaction', { transactionId, idTag: tag, meterStop: wh, timestamp: at, reason: 'Local', transactionData: energy16(wh, at, 'Transaction.End') }];
}

function message201(kind: HostilePlan['kind'], tag: string, wh: number, at: string): [string, Record<string, unknown>] {
  const idToken = { idToken: tag, type: 'Central' };
  if (kind === 'authorize') return ['Authorize', { idToken }];
  const meterValue = [{ timestamp: at, sampledValue: [{ value: wh, context: kind === 'stop' ? 'Transaction.End' : 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', location: 'Outlet', unitOfMeasure: { unit: 'Wh' } }] }];
  return [
    'TransactionEvent',
    {
      eventType: kind === 'stop' ? 'Ended' : 'Updated',
      timestamp: at,
      triggerReason: kind === 'stop' ? 'StopAuthorized' : 'MeterValuePeriodic',
      seqNo: 0,
      transactionInfo: { transactionId: randomUUID(), ...(kind === 'stop' ? { stoppedReason: 'Local', chargingState: 'EVConnected' } : { chargingState: 'Charging' }) },
      idToken,
      evse: { id: 1, connectorId: 1 },
      meterValue,
    },
  ];
}
