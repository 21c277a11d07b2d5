import { describe, expect, it } from 'vitest';
import { createStationAuthLimiter, type AttemptTicket } from './station-auth-limiter.ts';

const LIMITS = { failuresPerStation: 5, failuresPerAddress: 12, lockoutSeconds: 900, maxDelayMs: 4000 };
const T0 = Date.UTC(2026, 0, 1);

function ticket(r: ReturnType<ReturnType<typeof createStationAuthLimiter>['reserve']>): AttemptTicket {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.ticket;
}

describe('station auth limiter', () => {
  it('slows failures down and locks the pair after the limit, for the lockout time', () => {
    const limiter = createStationAuthLimiter(LIMITS);
    const delays = [];
    for (let i = 0; i < 5; i++) delays.push(ticket(limiter.reserve('CP-1', '10.0.0.9', T0)).fail(T0).delayMs);
    expect(delays).toEqual([0, 250, 500, 1000, 2000]);
    expect(limiter.reserve('CP-1', '10.0.0.9', T0 + 1000)).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 899 });
    expect(limiter.activeLocks(T0)).toEqual([{ kind: 'station', stationId: 'CP-1', address: '10.0.0.9', failures: 5, until: T0 + 900_000 }]);
    // Over: five more tries, then a lock twice as long.
    const later = T0 + 900_001;
    for (let i = 0; i < 5; i++) ticket(limiter.reserve('CP-1', '10.0.0.9', later)).fail(later);
    expect(limiter.reserve('CP-1', '10.0.0.9', later)).toMatchObject({ ok: false, reason: 'locked', retryAfterSeconds: 1800 });
  });

  it('counts an attempt before its password is checked: parallel guesses get no more than the limit', () => {
    const limiter = createStationAuthLimiter(LIMITS);
    const results = Array.from({ length: 40 }, () => limiter.reserve('CP-1', '10.0.0.9', T0));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === 'busy')).toHaveLength(35);
  });

  it('never locks the station id: the real station from its own address gets in during an attack', () => {
    const limiter = createStationAuthLimiter(LIMITS);
    for (let i = 0; i < 5; i++) ticket(limiter.reserve('CP-1', '10.0.0.9', T0)).fail(T0);
    const real = limiter.reserve('CP-1', '192.0.2.7', T0);
    expect(real.ok).toBe(true);
    ticket(real).succeed();
    // A failure on the attacked id is slowed from any address.
    expect(ticket(limiter.reserve('CP-1', '192.0.2.8', T0)).fail(T0).delayMs).toBe(4000);
  });

  it('locks an address that guesses across many station ids', () => {
    const limiter = createStationAuthLimiter(LIMITS);
    let locks: unknown[] = [];
    for (let i = 0; i < 12; i++) locks = ticket(limiter.reserve(`ID-${i}`, '10.0.0.9', T0)).fail(T0).locks;
    expect(locks).toEqual([{ kind: 'address', stationId: null, address: '10.0.0.9', failures: 12, until: T0 + 900_000 }]);
    expect(limiter.reserve('ID-99', '10.0.0.9', T0)).toMatchObject({ ok: false, reason: 'locked' });
    expect(limiter.reserve('ID-99', '10.0.0.10', T0).ok).toBe(true);
  });

  it('forgets the failures of a pair whose right password comes, and a lock an operator lifts', () => {
    const limiter = createStationAuthLimiter(LIMITS);
    for (let i = 0; i < 4; i++) ticket(limiter.reserve('CP-1', '10.0.0.9', T0)).fail(T0);
    ticket(limiter.reserve('CP-1', '10.0.0.9', T0)).succeed();
    expect(ticket(limiter.reserve('CP-1', '10.0.0.9', T0)).fail(T0).locks).toEqual([]);
    for (let i = 0; i < 4; i++) ticket(limiter.reserve('CP-1', '10.0.0.9', T0)).fail(T0);
    expect(limiter.reserve('CP-1', '10.0.0.9', T0).ok).toBe(false);
    limiter.lift({ kind: 'station', stationId: 'CP-1', address: '10.0.0.9' });
    expect(limiter.reserve('CP-1', '10.0.0.9', T0).ok).toBe(true);
  });

  it('takes a lock made elsewhere', () => {
    const limiter = createStationAuthLimiter(LIMITS);
    limiter.applyLock({ kind: 'address', stationId: null, address: '10.0.0.9', failures: 12, until: T0 + 60_000 }, T0);
    expect(limiter.reserve('CP-1', '10.0.0.9', T0)).toMatchObject({ ok: false, reason: 'locked', retryAfterSeconds: 60 });
    expect(limiter.reserve('CP-1', '10.0.0.9', T0 + 60_000).ok).toBe(true);
  });
});
