import { API_GROUPS } from './api-style.ts';
import { isPlainObject } from './request-body.ts';
import type { ApiGroup } from './api-style.ts';
import type { Prng } from './prng.ts';

/** Fires for the next `next` occasions, then for a `share` (0..1) of them, drawn from the seeded PRNG. */
export interface FaultTrigger {
  share?: number;
  next?: number;
}

export interface FaultSettings {
  /** 5xx answer; the operation is NOT performed. */
  serverError: Partial<Record<ApiGroup, FaultTrigger & { status?: number }>>;
  /** The operation IS performed, then the answer is lost: a 500 (`mode: 'error'`) or a reset connection. */
  answerLost: Partial<Record<ApiGroup, FaultTrigger & { mode?: 'error' | 'reset' }>>;
  /** Added before every answer of the group. */
  latencyMs: Partial<Record<ApiGroup, number>>;
  /** Never answered until the simulator stops. */
  hang: Partial<Record<ApiGroup, FaultTrigger>>;
  webhookDrop: FaultTrigger;
  webhookDelay: FaultTrigger & { ms?: number };
  webhookDuplicate: FaultTrigger;
  /** The event is held back and delivered after the next event of the same registration. */
  webhookReorder: FaultTrigger;
  /** The phone's Approve button does nothing: the payment stays CREATED until it expires. */
  phoneIgnoresApprove: boolean;
  /** Approvals fail as with test amount 151: the payment ends ABORTED. */
  insufficientFunds: FaultTrigger;
  /** Captures fail with 6260 (funds unavailable) or 6280 (try again later, the default). */
  captureFailure: FaultTrigger & { code?: '6260' | '6280' };
}

export type TriggerName = 'webhookDrop' | 'webhookDelay' | 'webhookDuplicate' | 'webhookReorder' | 'insufficientFunds' | 'captureFailure';
export type GroupTriggerName = 'serverError' | 'answerLost' | 'hang';

export function noFaults(): FaultSettings {
  return {
    serverError: {},
    answerLost: {},
    latencyMs: {},
    hang: {},
    webhookDrop: {},
    webhookDelay: {},
    webhookDuplicate: {},
    webhookReorder: {},
    phoneIgnoresApprove: false,
    insufficientFunds: {},
    captureFailure: {},
  };
}

export class FaultController {
  private settings = noFaults();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly random: Prng,
    initial: Partial<FaultSettings> = {},
  ) {
    this.set(initial);
  }

  get(): FaultSettings {
    return structuredClone(this.settings);
  }

  /** Merges: per-group maps are merged group by group, everything else is replaced. Throws on invalid input. */
  set(partial: Partial<FaultSettings>): void {
    const problems = checkFaultSettings(partial);
    if (problems.length > 0) throw new RangeError(`invalid fault settings: ${problems.join('; ')}`);
    const next = structuredClone(this.settings);
    const copy = structuredClone(partial);
    if (copy.serverError) next.serverError = { ...next.serverError, ...copy.serverError };
    if (copy.answerLost) next.answerLost = { ...next.answerLost, ...copy.answerLost };
    if (copy.latencyMs) next.latencyMs = { ...next.latencyMs, ...copy.latencyMs };
    if (copy.hang) next.hang = { ...next.hang, ...copy.hang };
    for (const name of TRIGGERS) {
      const value = copy[name];
      if (value) Object.assign(next, { [name]: value });
    }
    if (copy.phoneIgnoresApprove !== undefined) next.phoneIgnoresApprove = copy.phoneIgnoresApprove;
    this.settings = next;
  }

  reset(): void {
    this.settings = noFaults();
  }

  latencyFor(group: ApiGroup): number {
    return this.settings.latencyMs[group] ?? 0;
  }

  get phoneIgnoresApprove(): boolean {
    return this.settings.phoneIgnoresApprove;
  }

  /** The group's trigger settings when it fires this time, else null. */
  fireForGroup<K extends GroupTriggerName>(name: K, group: ApiGroup): FaultSettings[K][ApiGroup] | null {
    const trigger = this.settings[name][group];
    return trigger && this.fires(trigger) ? this.counted(`${name}.${group}`, trigger) : null;
  }

  fire<K extends TriggerName>(name: K): FaultSettings[K] | null {
    const trigger = this.settings[name];
    return this.fires(trigger) ? this.counted(name, trigger) : null;
  }

  /** How often each fault has fired since the start: `serverError.epayment`, `webhookDrop` … */
  fired(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  private counted<T>(name: string, trigger: T): T {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    return trigger;
  }

  private fires(trigger: FaultTrigger): boolean {
    if (trigger.next !== undefined && trigger.next > 0) {
      trigger.next -= 1;
      return true;
    }
    return trigger.share !== undefined && trigger.share > 0 && this.random() < trigger.share;
  }
}

const TRIGGERS: readonly TriggerName[] = ['webhookDrop', 'webhookDelay', 'webhookDuplicate', 'webhookReorder', 'insufficientFunds', 'captureFailure'];
const GROUP_TRIGGERS: readonly GroupTriggerName[] = ['serverError', 'answerLost', 'hang'];

function checkTrigger(path: string, value: unknown, extra: Record<string, (v: unknown) => boolean>): string[] {
  if (!isPlainObject(value)) return [`${path} must be an object`];
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key === 'share') {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) problems.push(`${path}.share must be a number in 0..1`);
    } else if (key === 'next') {
      if (!Number.isInteger(v) || (v as number) < 0) problems.push(`${path}.next must be an integer >= 0`);
    } else if (extra[key]) {
      if (!extra[key](v)) problems.push(`${path}.${key} is not valid`);
    } else {
      problems.push(`${path}.${key} is not a known setting`);
    }
  }
  return problems;
}

/** Checks settings that arrive as JSON over the test API (and from the constructor). */
export function checkFaultSettings(value: unknown): string[] {
  if (!isPlainObject(value)) return ['fault settings must be an object'];
  const problems: string[] = [];
  const groupExtras: Record<GroupTriggerName, Record<string, (v: unknown) => boolean>> = {
    serverError: { status: (v) => Number.isInteger(v) && (v as number) >= 500 && (v as number) <= 599 },
    answerLost: { mode: (v) => v === 'error' || v === 'reset' },
    hang: {},
  };
  for (const [key, v] of Object.entries(value)) {
    if ((GROUP_TRIGGERS as readonly string[]).includes(key) || key === 'latencyMs') {
      if (!isPlainObject(v)) {
        problems.push(`${key} must be an object keyed by API group`);
        continue;
      }
      for (const [group, g] of Object.entries(v)) {
        if (!(API_GROUPS as readonly string[]).includes(group)) problems.push(`${key}.${group}: unknown API group`);
        else if (key === 'latencyMs') {
          if (typeof g !== 'number' || !(g >= 0)) problems.push(`latencyMs.${group} must be a number >= 0`);
        } else problems.push(...checkTrigger(`${key}.${group}`, g, groupExtras[key as GroupTriggerName]));
      }
    } else if (key === 'webhookDelay') {
      problems.push(...checkTrigger(key, v, { ms: (x) => typeof x === 'number' && x >= 0 }));
    } else if (key === 'captureFailure') {
      problems.push(...checkTrigger(key, v, { code: (x) => x === '6260' || x === '6280' }));
    } else if ((TRIGGERS as readonly string[]).includes(key)) {
      problems.push(...checkTrigger(key, v, {}));
    } else if (key === 'phoneIgnoresApprove') {
      if (typeof v !== 'boolean') problems.push('phoneIgnoresApprove must be a boolean');
    } else {
      problems.push(`${key} is not a known fault`);
    }
  }
  return problems;
}
