import { describe, expect, it } from 'vitest';
import type { AlertFacts } from './alert-facts.ts';
import { DEFAULT_THRESHOLDS, readThresholds, type AlertThresholds } from './alert-thresholds.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

const noFacts: AlertFacts = { stations: [], faultedConnectors: [], deadOutboxItems: [], flaggedSessions: [], failingDeliveries: [], vippsCalls: { calls: 0, failures: 0 } };
const facts = (f: Partial<AlertFacts>): AlertFacts => ({ ...noFacts, ...f });
const station = (id: string, lastSeen: number | null, o: { online?: boolean; disabled?: boolean } = {}) => ({
  id,
  name: `Lader ${id}`,
  online: o.online ?? false,
  disabled: o.disabled ?? false,
  lastSeenAt: lastSeen === null ? null : ago(lastSeen),
});
const keys = (f: AlertFacts, t: AlertThresholds = DEFAULT_THRESHOLDS) => evaluateAlerts(f, [], t, NOW).open.map((c) => c.key);

describe('evaluateAlerts: what opens', () => {
  it.each([
    ['a station offline longer than the threshold', facts({ stations: [station('A', 11)] }), ['station_offline:A']],
    ['a station offline for less', facts({ stations: [station('A', 9)] }), []],
    ['an online station seen long ago', facts({ stations: [station('A', 60, { online: true })] }), []],
    ['a disabled station', facts({ stations: [station('A', 60, { disabled: true })] }), []],
    ['a station never seen', facts({ stations: [station('A', null)] }), []],
    ['a connector faulted for 5 minutes', facts({ faultedConnectors: [{ id: 'c1', stationId: 'A', connectorNo: 1, code: 'AAA', errorCode: 'GroundFailure', since: ago(5) }] }), ['connector_faulted:c1']],
    ['a connector faulted for a minute', facts({ faultedConnectors: [{ id: 'c1', stationId: 'A', connectorNo: 1, code: 'AAA', errorCode: null, since: ago(1) }] }), []],
    ['a dead outbox item', facts({ deadOutboxItems: [{ id: 7, kind: 'capture', key: 'capture-s1', lastError: 'invalid_request' }] }), ['outbox_dead:7']],
    ['a flagged session', facts({ flaggedSessions: [{ id: 's1', state: 'settled', flags: ['stop_not_delivered'], updatedAt: ago(1) }] }), ['session_flagged:s1']],
    ['deliveries that failed twice', facts({ failingDeliveries: [{ id: 1, kind: 'alert_webhook', attempts: 2, dead: false, lastError: 'HTTP 500' }] }), []],
    ['a delivery that failed three times', facts({ failingDeliveries: [{ id: 1, kind: 'alert_webhook', attempts: 3, dead: false, lastError: 'HTTP 500' }] }), ['webhook_failing:deliveries']],
    ['a dead delivery', facts({ failingDeliveries: [{ id: 1, kind: 'alert_mail', attempts: 1, dead: true, lastError: '550' }] }), ['webhook_failing:deliveries']],
    ['Vipps failing 2 of 10 calls', facts({ vippsCalls: { calls: 10, failures: 2 } }), ['vipps_errors:vipps']],
    ['Vipps failing 1 of 10 calls', facts({ vippsCalls: { calls: 10, failures: 1 } }), []],
    ['Vipps failing 5 of 5 calls: too few to say', facts({ vippsCalls: { calls: 5, failures: 5 } }), []],
  ])('%s', (_name, f, expected) => {
    expect(keys(f)).toEqual(expected);
  });

  it('says why a session needs a look', () => {
    const [c] = evaluateAlerts(facts({ flaggedSessions: [{ id: 's1', state: 'needs_review', flags: ['capped_at_maximum', 'unplug_not_reported'], updatedAt: ago(1) }] }), [], DEFAULT_THRESHOLDS, NOW).open;
    expect(c?.summary).toBe('Session s1 needs a look: needs review, unplug_not_reported');
    expect(c?.detail.flags).toEqual(['unplug_not_reported']);
  });
});

describe('evaluateAlerts: open and resolve', () => {
  const offline = facts({ stations: [station('A', 30), station('B', 30)] });

  it('opens only what is not open yet, and resolves what no longer holds', () => {
    const open = [
      { id: 'x', key: 'station_offline:A' },
      { id: 'y', key: 'station_offline:C' },
    ];
    const r = evaluateAlerts(offline, open, DEFAULT_THRESHOLDS, NOW);
    expect(r.open.map((c) => c.key)).toEqual(['station_offline:B']);
    expect(r.resolve).toEqual([{ id: 'y', key: 'station_offline:C' }]);
  });

  it('resolves the open alerts of a rule switched off, and opens none of it', () => {
    const r = evaluateAlerts(offline, [{ id: 'x', key: 'station_offline:A' }], { ...DEFAULT_THRESHOLDS, off: ['station_offline'] }, NOW);
    expect(r).toEqual({ open: [], resolve: [{ id: 'x', key: 'station_offline:A' }] });
  });

  it('follows the threshold it is given', () => {
    expect(keys(offline, { ...DEFAULT_THRESHOLDS, stationOfflineMinutes: 45 })).toEqual([]);
  });
});

describe('readThresholds', () => {
  it('reads a form', () => {
    const r = readThresholds({ ...DEFAULT_THRESHOLDS, stationOfflineMinutes: '30', off: 'vipps_errors' });
    expect(r).toEqual({ ok: true, value: { ...DEFAULT_THRESHOLDS, stationOfflineMinutes: 30, off: ['vipps_errors'] } });
  });

  it('names every bad field', () => {
    const r = readThresholds({ ...DEFAULT_THRESHOLDS, stationOfflineMinutes: '0', vippsErrorRatePercent: 'lots', off: ['nope'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.problems).sort()).toEqual(['off', 'stationOfflineMinutes', 'vippsErrorRatePercent']);
  });
});
