import { startChargePoint } from './start-charge-point.ts';
import type { ChargePoint } from './charge-point.ts';
import type { ChargePointOptions } from './charge-point-options.ts';
import type { Protocol } from './ocpp-link.ts';

export interface FleetOptions extends Omit<ChargePointOptions, 'stationId' | 'password' | 'protocol'> {
  count: number;
  idPrefix: string; // ids are idPrefix + a zero-padded number from 001
  password?: string | ((stationId: string) => string);
  protocol?: Protocol; // for every station when protocolMix is not given; default ocpp1.6
  protocolMix?: number; // share of stations on 2.0.1, 0..1, spread evenly through the fleet
  startConcurrency?: number; // stations connecting at once; default 10
  screens?: boolean; // every station has a screen of its protocol's kind (California Pricing on 1.6, display messages on 2.0.1)
}

export interface Fleet {
  stations: ChargePoint[];
  stop(): Promise<void>;
}

export function fleetStationIds(idPrefix: string, count: number): string[] {
  const digits = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => `${idPrefix}${String(i + 1).padStart(digits, '0')}`);
}

// Station i speaks 2.0.1 when the running share crosses a whole station, so
// 0.3 of 10 gives exactly 3, spread out rather than bunched at one end.
export function fleetProtocol(index: number, mix: number): 'ocpp1.6' | 'ocpp2.0.1' {
  return Math.floor((index + 1) * mix + 1e-9) > Math.floor(index * mix + 1e-9) ? 'ocpp2.0.1' : 'ocpp1.6';
}

// Resolves when every station is connected and booted. If one cannot start,
// the others are stopped and the error says which and why.
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const { count, idPrefix, password, protocol, protocolMix, startConcurrency, screens, ...common } = options;
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive integer, got ${count}`);
  if (protocolMix !== undefined && !(protocolMix >= 0 && protocolMix <= 1)) throw new Error(`protocolMix must be within 0..1, got ${protocolMix}`);
  const ids = fleetStationIds(idPrefix, count);
  const stations: ChargePoint[] = [];
  let next = 0;
  let failure: Error | undefined;

  const startOne = async (index: number): Promise<void> => {
    const stationId = ids[index] as string;
    const chosen = protocolMix === undefined ? (protocol ?? 'ocpp1.6') : fleetProtocol(index, protocolMix);
    const secret = typeof password === 'function' ? password(stationId) : password;
    const display = screens ? (chosen === 'ocpp1.6' ? 'california' : 'display-messages') : common.display;
    // What a station offers begins with what it speaks: in a mixed fleet the offer is for its own kind only.
    const offer = common.offer?.[0] === chosen ? common.offer : undefined;
    const tariffs = (offer ?? [chosen]).includes('ocpp2.1') ? common.tariffs : undefined;
    stations[index] = await startChargePoint({ ...common, stationId, protocol: chosen, offer, tariffs, password: secret, ...(display ? { display } : {}) });
  };
  const worker = async (): Promise<void> => {
    while (next < count && !failure) {
      const index = next++;
      try {
        await startOne(index);
      } catch (err) {
        failure ??= err instanceof Error ? err : new Error(String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(startConcurrency ?? 10, count) }, worker));

  const started = stations.filter((s): s is ChargePoint => s !== undefined);
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((s) => s.stop()));
  };
  if (failure) {
    await stop();
    throw new Error(`fleet not started: ${failure.message}`, { cause: failure });
  }
  return { stations: started, stop };
}
