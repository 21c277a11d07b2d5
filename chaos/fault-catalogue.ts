// Every fault the chaos run can inject, with its rate: what share of the
// occasions it applies to get it. Vipps faults are drawn by the Vipps
// simulator per call or per webhook from the run's seed; the others are drawn
// per session (or per charging session) from the session's own stream.

export const FAULT_KINDS = [
  'vipps-5xx',
  'vipps-lost-answer',
  'vipps-hang',
  'vipps-latency',
  'webhook-drop',
  'webhook-duplicate',
  'webhook-delay',
  'webhook-reorder',
  'driver-reject',
  'driver-abandon',
  'driver-no-car',
  'pay-twice',
  'stop-twice',
  'stop-with-station',
  'station-offline',
  'station-offline-no-queue',
  'station-offline-long',
  'stop-while-offline',
  'power-loss-stop',
  'power-loss-no-stop',
  'reboot-forget',
  'meter-late',
  'meter-glitch',
  'connector-fault-clears',
  'connector-fault-lasting',
  'hostile-stop',
  'hostile-meter',
  'hostile-authorize',
  'operator-stop',
  'operator-settle',
  'operator-refund',
  'ladepay-kill',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultInfo {
  rate: number;
  per: string;
  what: string;
}

export const FAULTS: Readonly<Record<FaultKind, FaultInfo>> = {
  'vipps-5xx': { rate: 0.02, per: 'Vipps API call', what: '500/503 without doing the operation (ePayment, access token, Order Management)' },
  'vipps-lost-answer': { rate: 0.01, per: 'Vipps API call', what: 'the operation is done, then the answer is lost (a 500, or the connection reset)' },
  'vipps-hang': { rate: 0.0002, per: 'ePayment call', what: 'never answered (the client times out)' },
  'vipps-latency': { rate: 1, per: 'Vipps API call', what: '15 ms added to every answer' },
  'webhook-drop': { rate: 0.03, per: 'webhook', what: 'never sent (polling must find the state)' },
  'webhook-duplicate': { rate: 0.03, per: 'webhook', what: 'sent twice' },
  'webhook-delay': { rate: 0.03, per: 'webhook', what: 'sent 1.5 s (real) late' },
  'webhook-reorder': { rate: 0.03, per: 'webhook', what: 'held back until the next event of the payment has gone out' },
  'driver-reject': { rate: 0.04, per: 'session', what: 'the driver rejects on the phone' },
  'driver-abandon': { rate: 0.02, per: 'session', what: 'the driver leaves the phone page; the payment expires' },
  'driver-no-car': { rate: 0.02, per: 'session', what: 'the driver pays but never plugs in; the start window passes' },
  'pay-twice': { rate: 0.05, per: 'session', what: 'Pay pressed twice at once' },
  'stop-twice': { rate: 0.05, per: 'session', what: 'Stop pressed twice at once' },
  'stop-with-station': { rate: 0.03, per: 'charging session', what: 'Stop on the phone at the same moment as the station’s own stop button' },
  'station-offline': { rate: 0.04, per: 'charging session', what: 'the station loses its network for 1–8 min and comes back with its offline queue' },
  'station-offline-no-queue': { rate: 0.02, per: 'charging session', what: 'the same, a station without storage: what happened offline is lost' },
  'station-offline-long': { rate: 0.02, per: 'charging session', what: 'offline longer than the silence timeout (16–25 min), then back with its queue' },
  'stop-while-offline': { rate: 0.03, per: 'charging session', what: 'the driver presses Stop while the station is offline; it comes back later' },
  'power-loss-stop': { rate: 0.02, per: 'charging session', what: 'the power goes for 0.5–5 min; the station tells the stop after its boot' },
  'power-loss-no-stop': { rate: 0.02, per: 'charging session', what: 'the power goes; the station forgets the transaction: boot, Available, no stop' },
  'reboot-forget': { rate: 0.02, per: 'charging session', what: 'the station crashes and reboots forgetting the transaction: boot, Available, no stop' },
  'meter-late': { rate: 0.04, per: 'charging session', what: '1–3 meter values held back 2–5 min and sent after newer ones' },
  'meter-glitch': { rate: 0.03, per: 'charging session', what: 'one meter value 150 kWh (or 12 MWh) above the register' },
  'connector-fault-clears': { rate: 0.02, per: 'charging session', what: 'the connector reports a fault (GroundFailure) and charges on; the fault clears within the grace' },
  'connector-fault-lasting': { rate: 0.02, per: 'charging session', what: 'the connector reports a fault and charges on until Ladepay stops it after the grace' },
  'hostile-stop': { rate: 0.02, per: 'charging session', what: 'another station sends a stop for this session (tag derived from the Vipps reference, 1.6 id guessed)' },
  'hostile-meter': { rate: 0.02, per: 'charging session', what: 'another station sends meter values for this session' },
  'hostile-authorize': { rate: 0.02, per: 'charging session', what: 'another station sends Authorize with this session’s tag' },
  'operator-stop': { rate: 0.02, per: 'charging session', what: 'the operator stops the session through the REST API' },
  'operator-settle': { rate: 0.02, per: 'charging session', what: 'the operator presses settle-now while the station charges' },
  'operator-refund': { rate: 0.03, per: 'settled session', what: 'the operator refunds part of it, the request submitted twice' },
  'ladepay-kill': { rate: 1 / 300, per: 'session started', what: 'Ladepay killed with SIGKILL and restarted on the same database' },
};

// `all`, `none`, or a comma-separated list of kinds.
export function parseFaultList(text: string): Set<FaultKind> {
  const value = text.trim();
  if (value === 'all' || value === '') return new Set(FAULT_KINDS);
  if (value === 'none') return new Set();
  const chosen = new Set<FaultKind>();
  for (const part of value.split(',').map((p) => p.trim())) {
    if (!(FAULT_KINDS as readonly string[]).includes(part)) throw new Error(`unknown fault "${part}"; known: ${FAULT_KINDS.join(', ')}`);
    chosen.add(part as FaultKind);
  }
  return chosen;
}
