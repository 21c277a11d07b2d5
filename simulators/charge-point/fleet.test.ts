import { describe, expect, it } from 'vitest';
import { fleetProtocol, fleetStationIds, startFleet } from './fleet.ts';
import { startTestCsms } from './test-csms.ts';

describe('fleet', () => {
  it('numbers stations from 001 and spreads the 2.0.1 share through the fleet', () => {
    expect(fleetStationIds('SIM-', 3)).toEqual(['SIM-001', 'SIM-002', 'SIM-003']);
    expect(fleetStationIds('X', 1000)[999]).toBe('X1000');
    const mix = (share: number, n: number): string[] => Array.from({ length: n }, (_, i) => (fleetProtocol(i, share) === 'ocpp2.0.1' ? 'B' : 'a'));
    expect(mix(0.3, 10).join('')).toBe('aaaBaaBaaB');
    expect(mix(0, 4).join('')).toBe('aaaa');
    expect(mix(1, 4).join('')).toBe('BBBB');
    expect(mix(0.5, 4).join('')).toBe('aBaB');
  });

  it('starts a mixed fleet with a password per station, and stops it', async () => {
    const csms = await startTestCsms({ 'F-001': 'pw-F-001', 'F-002': 'pw-F-002', 'F-003': 'pw-F-003' });
    try {
      const fleet = await startFleet({ csmsUrl: csms.url, count: 3, idPrefix: 'F-', protocolMix: 0.5, password: (id) => `pw-${id}`, timeScale: 0 });
      expect(fleet.stations.map((s) => [s.stationId, s.protocol])).toEqual([
        ['F-001', 'ocpp1.6'],
        ['F-002', 'ocpp2.0.1'],
        ['F-003', 'ocpp1.6'],
      ]);
      expect(fleet.stations.every((s) => s.isOnline())).toBe(true);
      await fleet.stop();
      expect(fleet.stations.some((s) => s.isOnline())).toBe(false);
      await expect(startFleet({ csmsUrl: csms.url, count: 2, idPrefix: 'F-', password: 'nope', timeScale: 0 })).rejects.toThrow(
        /fleet not started: .*HTTP 401/,
      );
    } finally {
      await csms.close();
    }
  });
});
