import { describe, expect, it } from 'vitest';
import { checkStationPassword } from '../../src/adapters/security/secret-strength.ts';
import { fleetSpec } from '../../chaos/chaos-fleet-spec.ts';

describe('the chaos fleet', () => {
  // About one random 24-byte draw in 1,500 was rated below the strength
  // Ladepay asks, and the run stopped before it began.
  it('gives every station a password Ladepay takes', () => {
    const fleet = fleetSpec(20_000);
    expect(fleet.filter((s) => !checkStationPassword(s.password).ok).map((s) => s.id)).toEqual([]);
    expect(new Set(fleet.map((s) => s.password)).size).toBe(fleet.length);
  });
});
