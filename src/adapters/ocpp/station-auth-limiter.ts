// Failed OCPP upgrades, counted per (station id, client address), per address
// and per station id, so that a password cannot be guessed at speed.
//
// - An attempt is reserved before its password is checked (count before you
//   check): parallel guesses see each other's reservations, so no more are
//   checked than the limit allows.
// - A (station id, address) pair is locked after `failuresPerStation` failures,
//   an address after `failuresPerAddress` (guesses spread over many ids).
//   Locks last `lockoutSeconds`, doubling for each further lock of the same key
//   within a day (at most a day); an operator can lift them.
// - A station id is never locked as such: the real station, from its own
//   address, still gets in while its id is guessed at from elsewhere. Failures
//   on an id under attack are only answered more slowly.
// - Failures are answered after a delay that doubles with the failures of the
//   pair or of the id (0, 250, 500, 1000 … ms, up to `maxDelayMs`).
// Time comes in as `now` (ms); the state is this process's memory, and locks
// are also written to the database by the caller (see station-lockouts.ts).

export interface AuthLimits {
  failuresPerStation: number;
  failuresPerAddress: number;
  lockoutSeconds: number;
  maxDelayMs: number;
}

export type LockKind = 'station' | 'address';

export interface LockKey {
  kind: LockKind;
  stationId: string | null; // null for an address lock
  address: string;
}

export interface NewLock extends LockKey {
  failures: number;
  until: number;
}

export type Reservation =
  | { ok: true; ticket: AttemptTicket }
  | { ok: false; reason: 'locked' | 'busy'; retryAfterSeconds: number };

export interface AttemptTicket {
  // The password was right: the pair's failures are forgotten.
  succeed(): void;
  // Neither a success nor a guess (a disabled station with its right password).
  release(): void;
  fail(now: number): { delayMs: number; locks: NewLock[] };
}

export interface StationAuthLimiter {
  reserve(stationId: string, address: string, now: number): Reservation;
  // A lock known from elsewhere (the database: another process, a restart).
  applyLock(lock: NewLock, now: number): void;
  lift(key: LockKey): void;
  activeLocks(now: number): NewLock[];
}

interface Counter {
  failures: number;
  inFlight: number;
  lastFailureAt: number;
  lockedUntil: number;
  locks: number; // locks within the last day, for the doubling
  lastLockAt: number;
}

const DAY_MS = 86_400_000;
const BASE_DELAY_MS = 250;
// Keys remembered per kind; beyond it the oldest unlocked ones are forgotten.
const MAX_KEYS = 20_000;

export function createStationAuthLimiter(limits: AuthLimits): StationAuthLimiter {
  const pairs = new Map<string, Counter>();
  const addresses = new Map<string, Counter>();
  const ids = new Map<string, Counter>();
  const windowMs = limits.lockoutSeconds * 1000;
  const pairKey = (stationId: string, address: string) => `${address}\u0000${stationId}`;

  function counter(map: Map<string, Counter>, key: string, now: number): Counter {
    let c = map.get(key);
    if (!c) {
      if (map.size >= MAX_KEYS) forgetOldest(map, now);
      c = { failures: 0, inFlight: 0, lastFailureAt: 0, lockedUntil: 0, locks: 0, lastLockAt: 0 };
      map.set(key, c);
    }
    // Quiet for a window (or out of a lock): the slate is clean again.
    if (c.failures > 0 && c.lockedUntil <= now && now - c.lastFailureAt > windowMs) c.failures = 0;
    if (c.lockedUntil !== 0 && c.lockedUntil <= now) {
      c.lockedUntil = 0;
      c.failures = 0;
    }
    if (c.locks > 0 && now - c.lastLockAt > DAY_MS) c.locks = 0;
    return c;
  }

  function lock(c: Counter, key: LockKey, now: number): NewLock {
    const durationMs = Math.min(DAY_MS, windowMs * 2 ** c.locks);
    c.lockedUntil = now + durationMs;
    c.locks += 1;
    c.lastLockAt = now;
    return { ...key, failures: c.failures, until: c.lockedUntil };
  }

  return {
    reserve(stationId, address, now) {
      const pair = counter(pairs, pairKey(stationId, address), now);
      const addr = counter(addresses, address, now);
      const lockedUntil = Math.max(pair.lockedUntil, addr.lockedUntil);
      if (lockedUntil > now) return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((lockedUntil - now) / 1000) };
      if (pair.failures + pair.inFlight >= limits.failuresPerStation || addr.failures + addr.inFlight >= limits.failuresPerAddress) {
        return { ok: false, reason: 'busy', retryAfterSeconds: 1 };
      }
      pair.inFlight += 1;
      addr.inFlight += 1;
      let open = true;
      const close = () => {
        if (!open) return false;
        open = false;
        pair.inFlight -= 1;
        addr.inFlight -= 1;
        return true;
      };
      return {
        ok: true,
        ticket: {
          succeed() {
            if (close()) pair.failures = 0;
          },
          release() {
            close();
          },
          fail(at) {
            if (!close()) return { delayMs: 0, locks: [] };
            const id = counter(ids, stationId, at);
            for (const c of [pair, addr, id]) {
              c.failures += 1;
              c.lastFailureAt = at;
            }
            const locks: NewLock[] = [];
            if (pair.failures >= limits.failuresPerStation && pair.lockedUntil <= at) {
              locks.push(lock(pair, { kind: 'station', stationId, address }, at));
            }
            if (addr.failures >= limits.failuresPerAddress && addr.lockedUntil <= at) {
              locks.push(lock(addr, { kind: 'address', stationId: null, address }, at));
            }
            // The address is bounded by its lock; a delay per address would
            // slow the other stations behind one NAT.
            const worst = Math.max(pair.failures, id.failures);
            const delayMs = worst < 2 ? 0 : Math.min(limits.maxDelayMs, BASE_DELAY_MS * 2 ** (worst - 2));
            return { delayMs, locks };
          },
        },
      };
    },

    applyLock(l, now) {
      const c = l.kind === 'station' ? counter(pairs, pairKey(l.stationId ?? '', l.address), now) : counter(addresses, l.address, now);
      c.lockedUntil = Math.max(c.lockedUntil, l.until);
      c.failures = Math.max(c.failures, l.failures);
      c.lastFailureAt = now;
    },

    lift(key) {
      const map = key.kind === 'station' ? pairs : addresses;
      const c = map.get(key.kind === 'station' ? pairKey(key.stationId ?? '', key.address) : key.address);
      if (!c) return;
      c.lockedUntil = 0;
      c.failures = 0;
    },

    activeLocks(now) {
      const out: NewLock[] = [];
      for (const [key, c] of pairs) {
        if (c.lockedUntil <= now) continue;
        const [address = '', stationId = ''] = key.split('\u0000');
        out.push({ kind: 'station', stationId, address, failures: c.failures, until: c.lockedUntil });
      }
      for (const [address, c] of addresses) {
        if (c.lockedUntil > now) out.push({ kind: 'address', stationId: null, address, failures: c.failures, until: c.lockedUntil });
      }
      return out;
    },
  };
}

function forgetOldest(map: Map<string, Counter>, now: number): void {
  let checked = 0;
  for (const [key, c] of map) {
    if ((c.lockedUntil <= now && c.inFlight === 0) || ++checked > 1000) {
      map.delete(key);
      return;
    }
  }
}
