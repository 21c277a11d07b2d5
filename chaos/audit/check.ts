import type { SessionFacts } from './session-facts.ts';

// One rule the auditor holds every session to. A check says pass, fail (with
// what it saw), or nothing when the rule does not apply to the session.
export type Verdict = { ok: true } | { ok: false; detail: string } | undefined;

export interface Check {
  name: string;
  what: string;
  run(f: SessionFacts): Verdict;
}

export const pass: Verdict = { ok: true };

export function fail(detail: string): Verdict {
  return { ok: false, detail };
}

export function kr(ore: number): string {
  return `${(ore / 100).toFixed(2)} kr`;
}
