import { CHAOS_AMOUNTS_ORE } from './chaos-tariff.ts';

// Ladepay's settings for the scaled world, in the world's own seconds where
// Ladepay measures them on its injected clock, and in real seconds where it
// runs a timer (a timer does not know the world runs faster).
export interface WorldSettings {
  timeScale: number; // world seconds per real second
  meterIntervalS: number; // world: OCPP_METER_INTERVAL_SECONDS, set on every station at boot
  silenceS: number; // world: STATION_SILENCE_SECONDS
  startWindowS: number; // world: SESSION_START_WINDOW_SECONDS
  outboxLeaseS: number; // world: OUTBOX_LEASE_SECONDS (leases are dated by Ladepay's clock)
  reconcileRealS: number; // real: RECONCILE_SECONDS is a timer
  heartbeatRealS: number; // real: OCPP_HEARTBEAT_SECONDS, the stations' heartbeat timer
  ocppCallTimeoutRealMs: number; // real: OCPP_CALL_TIMEOUT_MS
  approvalWindowS: number; // world: the Vipps simulator's approval window
}

export function worldSettings(timeScale: number): WorldSettings {
  return {
    timeScale,
    meterIntervalS: 60,
    silenceS: 900,
    startWindowS: 600,
    outboxLeaseS: 10 * timeScale, // 10 real seconds: a killed worker's items are taken over soon after a restart
    reconcileRealS: 1,
    heartbeatRealS: 60,
    ocppCallTimeoutRealMs: 10_000,
    approvalWindowS: 600,
  };
}

// The environment Ladepay runs with (on top of the database, the port and the Vipps keys).
export function ladepayEnv(s: WorldSettings): Record<string, string> {
  return {
    LOG_LEVEL: 'warn',
    OCPP_METER_INTERVAL_SECONDS: String(s.meterIntervalS),
    STATION_SILENCE_SECONDS: String(s.silenceS),
    SESSION_START_WINDOW_SECONDS: String(s.startWindowS),
    OUTBOX_LEASE_SECONDS: String(s.outboxLeaseS),
    RECONCILE_SECONDS: String(s.reconcileRealS),
    OCPP_HEARTBEAT_SECONDS: String(s.heartbeatRealS),
    OCPP_CALL_TIMEOUT_MS: String(s.ocppCallTimeoutRealMs),
    AMOUNT_PRESETS_ORE: CHAOS_AMOUNTS_ORE.join(','),
    DEFAULT_AMOUNT_ORE: String(CHAOS_AMOUNTS_ORE[1]),
    MIN_AMOUNT_ORE: String(CHAOS_AMOUNTS_ORE[0]),
    MAX_AMOUNT_ORE: '100000',
    // The 50 kr maximum buys about 6 kWh: offered here so the cost guard stops many charges.
    MIN_USEFUL_ENERGY_WH: '1000',
    // The drivers reach Ladepay through a proxy on 127.0.0.1 that names each
    // phone's own address (X-Forwarded-For), as a real deployment would.
    TRUSTED_PROXIES: '127.0.0.1/32,::1/128',
    OPERATOR_ADDRESS: 'Kaosveien 1, 0150 Oslo',
  };
}

export function describeSettings(s: WorldSettings): string[] {
  const real = (worldS: number) => `${(worldS / s.timeScale).toFixed(1)} s real`;
  return [
    `time scale ${s.timeScale}: a real second is ${s.timeScale} s of world time`,
    `meter interval ${s.meterIntervalS} s (${real(s.meterIntervalS)}), station silence ${s.silenceS} s (${real(s.silenceS)}), start window ${s.startWindowS} s (${real(s.startWindowS)})`,
    `Vipps approval window ${s.approvalWindowS} s (${real(s.approvalWindowS)}), outbox lease ${s.outboxLeaseS} s (${real(s.outboxLeaseS)})`,
    `real-time timers: reconcile every ${s.reconcileRealS} s, station heartbeat ${s.heartbeatRealS} s, OCPP call timeout ${s.ocppCallTimeoutRealMs / 1000} s`,
  ];
}
