import { ALERT_RULES, isAlertRule, type AlertRule } from '../vocabulary/alert-rules.ts';

// How far a condition must go before it is an alert. The defaults come from
// the environment; an owner changes them in the console, where they are kept.
export interface AlertThresholds {
  stationOfflineMinutes: number;
  connectorFaultedMinutes: number;
  // Failed attempts of one alert delivery before the deliveries count as failing.
  deliveryFailedAttempts: number;
  vippsErrorRatePercent: number;
  // Fewer Vipps calls than this in the window say nothing about a rate.
  vippsMinCalls: number;
  vippsWindowMinutes: number;
  // A session's flag is looked at for this long after the session last changed.
  sessionFlagHours: number;
  // Rules switched off: their open alerts resolve.
  off: AlertRule[];
}

type NumberField = Exclude<keyof AlertThresholds, 'off'>;

// Each number's bounds, and what the console calls it.
export const THRESHOLD_FIELDS: Record<NumberField, { min: number; max: number; label: string }> = {
  stationOfflineMinutes: { min: 1, max: 10_080, label: 'Station offline for more than (minutes)' },
  connectorFaultedMinutes: { min: 0, max: 10_080, label: 'Connector faulted for at least (minutes)' },
  deliveryFailedAttempts: { min: 1, max: 100, label: 'Alert deliveries failing after (attempts)' },
  vippsErrorRatePercent: { min: 1, max: 100, label: 'Vipps errors above (% of calls)' },
  vippsMinCalls: { min: 1, max: 100_000, label: '… with at least (calls)' },
  vippsWindowMinutes: { min: 1, max: 1440, label: '… in the last (minutes)' },
  sessionFlagHours: { min: 1, max: 720, label: 'Flagged sessions changed within (hours)' },
};

export const DEFAULT_THRESHOLDS: AlertThresholds = Object.freeze({
  stationOfflineMinutes: 10,
  connectorFaultedMinutes: 5,
  deliveryFailedAttempts: 3,
  vippsErrorRatePercent: 20,
  vippsMinCalls: 10,
  vippsWindowMinutes: 15,
  sessionFlagHours: 24,
  off: [],
}) as AlertThresholds;

export type ThresholdProblems = Partial<Record<NumberField | 'off', string>>;

// Reads thresholds from loose input (a form, stored JSON): every number a
// whole number within its bounds, every rule switched off a known one.
export function readThresholds(input: Record<string, unknown>): { ok: true; value: AlertThresholds } | { ok: false; problems: ThresholdProblems } {
  const problems: ThresholdProblems = {};
  const value = { ...DEFAULT_THRESHOLDS, off: [] as AlertRule[] };
  for (const [name, bounds] of Object.entries(THRESHOLD_FIELDS) as Array<[NumberField, (typeof THRESHOLD_FIELDS)[NumberField]]>) {
    const raw = input[name];
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    if (!/^\d{1,7}$/.test(text) || Number(text) < bounds.min || Number(text) > bounds.max) {
      problems[name] = `A whole number from ${bounds.min} to ${bounds.max}.`;
      continue;
    }
    value[name] = Number(text);
  }
  const off = input.off ?? [];
  const list = Array.isArray(off) ? off : [off];
  for (const rule of list) {
    if (typeof rule !== 'string' || !isAlertRule(rule)) problems.off = `Unknown rule; the rules are ${ALERT_RULES.join(', ')}.`;
    else if (!value.off.includes(rule)) value.off.push(rule);
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, value };
}
