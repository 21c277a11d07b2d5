import { describe, expect, it } from 'vitest';
import { sessionTimeline } from './session-timeline.ts';

describe('sessionTimeline', () => {
  it('merges every source by time and marks dead side effects', () => {
    const t = sessionTimeline({
      events: [
        { at: '2026-11-26T10:00:00.000Z', source: 'driver', type: 'session_created', data: {} },
        { at: '2026-11-26T10:05:00.000Z', source: 'operator', type: 'refunded', data: { refundedOre: 500, reason: 'broken cable' } },
      ],
      ocpp: [{ at: '2026-11-26T10:01:00.000Z', direction: 'in', kind: 'call', action: 'StartTransaction', payload: '{}' }],
      payments: [{ name: 'AUTHORIZED', amountOre: 35_000, success: true, occurredAt: '2026-11-26T10:00:30.000Z', receivedAt: '2026-11-26T10:00:31.000Z', pspReference: 'p1' }],
      outbox: [
        { id: 1, kind: 'session.capture', key: 'capture-abc', state: 'dead', attempts: 12, maxAttempts: 12, lastError: 'wrong_state', createdAt: '2026-11-26T10:03:00.000Z', updatedAt: '2026-11-26T10:04:00.000Z' },
      ],
      audit: [{ at: '2026-11-26T10:05:00.000Z', actor: 'console:a@b.no', action: 'session.refund', subjectType: 'session', subjectId: 'abc', outcome: 'ok', detail: { reason: 'broken cable' } }],
    });
    expect(t.map((e) => e.source)).toEqual(['driver', 'vipps', 'ocpp', 'outbox', 'operator', 'operator']);
    expect(t[3]).toMatchObject({ tone: 'bad', title: 'capture: dead after 12/12 attempts' });
    expect(t[3]?.detail).toContain('last error: wrong_state');
    expect(t[4]?.detail).toContain('broken cable');
  });

  it('folds a run of meter readings in the session history', () => {
    const meter = (at: string, wh: number) => ({ at, source: 'station', type: 'meter', data: { meterLastWh: wh } });
    const t = sessionTimeline({
      events: [
        { at: '2026-11-26T10:00:00.000Z', source: 'station', type: 'charging_started', data: {} },
        meter('2026-11-26T10:00:10.000Z', 10),
        meter('2026-11-26T10:00:20.000Z', 20),
        { at: '2026-11-26T10:00:25.000Z', source: 'driver', type: 'stop_requested', data: {} },
        meter('2026-11-26T10:00:30.000Z', 30),
      ],
      ocpp: [],
      payments: [],
      outbox: [],
      audit: [],
    });
    expect(t.map((e) => e.title)).toEqual(['charging started', 'meter ×2 until 11:00:20 CET', 'stop requested', 'meter']);
    expect(t[1]?.detail).toBe('{"meterLastWh":20}');
  });

  it('folds runs of meter values and leaves out empty answers', () => {
    const mv = (at: string) => ({ at, direction: 'in', kind: 'call', action: 'MeterValues', payload: `{"at":"${at}"}` });
    const t = sessionTimeline({
      events: [],
      ocpp: [
        mv('2026-11-26T10:00:10.000Z'),
        { at: '2026-11-26T10:00:10.100Z', direction: 'out', kind: 'result', action: 'MeterValues', payload: '{}' },
        mv('2026-11-26T10:00:20.000Z'),
        mv('2026-11-26T10:00:30.000Z'),
        { at: '2026-11-26T10:00:35.000Z', direction: 'out', kind: 'call', action: 'RemoteStopTransaction', payload: '{"transactionId":1}' },
        { at: '2026-11-26T10:00:35.100Z', direction: 'in', kind: 'result', action: 'RemoteStopTransaction', payload: '{"status":"Accepted"}' },
        mv('2026-11-26T10:00:36.000Z'),
      ].reverse(),
      payments: [],
      outbox: [],
      audit: [],
    });
    expect(t.map((e) => e.title)).toEqual([
      'station → MeterValues ×3 until 11:00:30 CET',
      '→ station RemoteStopTransaction',
      'station → RemoteStopTransaction result',
      'station → MeterValues',
    ]);
    expect(t[0]?.detail).toContain('10:00:30');
  });
});
