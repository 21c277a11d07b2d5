import type { ChargerCommands } from '../../usecases/ports/charger.ts';
import { FORWARDED_OPS, type Forward, type ForwardedOp } from './forwarded-commands.ts';

// Where a station's socket is, as far as this node knows.
export interface StationWhereabouts {
  // The other node holding the station under a live lease, if one does.
  heldElsewhere(stationId: string): string | undefined;
}

// The charger port for a node of a cluster: a command for a station whose
// socket is here goes straight to it; one whose socket another node holds is
// forwarded to that node through the database; a station connected nowhere
// answers 'offline' at once, as on a single node.
export function clusterCharger(local: ChargerCommands, where: StationWhereabouts, forward: Forward): ChargerCommands {
  const charger = {
    isOnline: (stationId: string) => local.isOnline(stationId) || where.heldElsewhere(stationId) !== undefined,
    connectedSince: (stationId: string) => local.connectedSince(stationId),
  } as ChargerCommands;
  const ops = Object.keys(FORWARDED_OPS).filter((op): op is Exclude<ForwardedOp, 'changePassword'> => op !== 'changePassword');
  for (const op of ops) {
    const own = (local[op] as (...a: unknown[]) => Promise<unknown>).bind(local);
    (charger as unknown as Record<string, unknown>)[op] = (stationId: string, ...args: unknown[]) =>
      !local.isOnline(stationId) && where.heldElsewhere(stationId) !== undefined ? forward(stationId, op, args) : own(stationId, ...args);
  }
  return charger;
}
