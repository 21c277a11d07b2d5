import { resolveOptions } from './charge-point-options.ts';
import { Station } from './station.ts';
import type { ChargePoint } from './charge-point.ts';
import type { ChargePointOptions } from './charge-point-options.ts';

// Resolves once the station is connected and its BootNotification Accepted;
// rejects with a ConnectError that says why when the CSMS cannot be reached or
// refuses the station (HTTP 401 …).
export async function startChargePoint(options: ChargePointOptions): Promise<ChargePoint> {
  const station = new Station(resolveOptions(options));
  try {
    await station.start();
  } catch (err) {
    await station.stop();
    throw err;
  }
  return station;
}
