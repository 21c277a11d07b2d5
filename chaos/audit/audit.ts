import type { SimBooks, SimOrder } from '../../simulators/vipps/index.ts';
import type { FaultKind } from '../fault-catalogue.ts';
import type { LadepayRecords, OutboxEntry } from '../ladepay-records.ts';
import type { SessionTruth } from '../session-truth.ts';
import type { WorldSettings } from '../world-settings.ts';
import type { Check } from './check.ts';
import { onePaymentPerVisit, othersRefused, startAfterAuthorizedGet, stationStoppedAfterSettlement, terminalInTime } from './flow-checks.ts';
import { captureMatchesMeter, captureWithinMaximum, moneyAddsUp, oneCapture, receiptMatchesCapture, refundOnce } from './money-checks.ts';
import type { Bounds, SessionFacts } from './session-facts.ts';

export const CHECKS: readonly Check[] = [
  captureMatchesMeter,
  moneyAddsUp,
  oneCapture,
  captureWithinMaximum,
  startAfterAuthorizedGet,
  stationStoppedAfterSettlement,
  terminalInTime,
  receiptMatchesCapture,
  refundOnce,
  onePaymentPerVisit,
  othersRefused,
];

export const OUTBOX_CHECK = 'no outbox item dead or stuck';

export interface Violation {
  check: string;
  index: number;
  reference?: string;
  sessionId?: string;
  detail: string;
  faults: string[];
}

export interface CheckTally {
  name: string;
  what: string;
  passed: number;
  failed: number;
  notApplicable: number;
}

export interface AuditResult {
  checks: CheckTally[];
  byFault: Array<{ fault: string; sessions: number; withViolations: number }>;
  violations: Violation[];
  outboxProblems: OutboxEntry[];
}

export interface AuditInput {
  sessions: SessionTruth[];
  ladepay: LadepayRecords;
  books(reference: string): SimBooks | undefined;
  receipts(reference: string): SimOrder | undefined;
  settings: WorldSettings;
  bounds: Bounds;
  downtime: Array<[number, number]>;
}

// Every session through every check, the outbox once; tallies per check and per fault.
export function audit(input: AuditInput): AuditResult {
  const tallies = new Map<string, CheckTally>(CHECKS.map((c) => [c.name, { name: c.name, what: c.what, passed: 0, failed: 0, notApplicable: 0 }]));
  const faults = new Map<string, { sessions: number; bad: Set<number> }>();
  const violations: Violation[] = [];
  for (const truth of input.sessions) {
    const ladepay = truth.reference ? input.ladepay.byReference.get(truth.reference) : undefined;
    const facts: SessionFacts = {
      truth,
      ladepay,
      books: truth.reference ? input.books(truth.reference) : undefined,
      order: truth.reference ? input.receipts(truth.reference) : undefined,
      settings: input.settings,
      bounds: input.bounds,
      downtime: input.downtime,
      byIdTag: input.ladepay.byIdTag,
      booksOf: input.books,
    };
    const sessionFaults = faultsOf(truth, input.downtime);
    for (const fault of sessionFaults) {
      const entry = faults.get(fault) ?? { sessions: 0, bad: new Set<number>() };
      entry.sessions += 1;
      faults.set(fault, entry);
    }
    for (const check of CHECKS) {
      const tally = tallies.get(check.name) as CheckTally;
      const verdict = check.run(facts);
      if (verdict === undefined) tally.notApplicable += 1;
      else if (verdict.ok) tally.passed += 1;
      else {
        tally.failed += 1;
        violations.push({ check: check.name, index: truth.index, reference: truth.reference, sessionId: ladepay?.id, detail: verdict.detail, faults: sessionFaults });
        for (const fault of sessionFaults) faults.get(fault)?.bad.add(truth.index);
      }
    }
  }
  const outboxProblems = input.ladepay.outbox.filter((o) => o.state !== 'done');
  const outboxTally: CheckTally = { name: OUTBOX_CHECK, what: 'at the end no side effect is dead (given up) or still pending or running', passed: outboxProblems.length === 0 ? 1 : 0, failed: outboxProblems.length, notApplicable: 0 };
  return {
    checks: [...tallies.values(), outboxTally],
    byFault: [...faults.entries()].map(([fault, e]) => ({ fault, sessions: e.sessions, withViolations: e.bad.size })).sort((a, b) => a.fault.localeCompare(b.fault)),
    violations,
    outboxProblems,
  };
}

// The session's drawn faults, plus a Ladepay kill while it held its connector.
export function faultsOf(truth: SessionTruth, downtime: Array<[number, number]>): string[] {
  const faults: string[] = [...truth.plan.faults.filter((f: FaultKind) => f !== 'ladepay-kill'), ...truth.inherited];
  const end = truth.releasedAt ?? Number.POSITIVE_INFINITY;
  if (downtime.some(([a]) => a >= truth.boundAt && a <= end)) faults.push('ladepay-kill');
  if (faults.length === 0) faults.push('(none)');
  return faults;
}
