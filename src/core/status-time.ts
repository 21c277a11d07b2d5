// When a status counts as reported. A station stamps its statuses with its
// own clock, which may be far off (never set, or set wrong on purpose): within
// the tolerance its stamp orders the statuses (one queued while the
// connection was down comes in with its own time); beyond it, the status
// counts from when it arrived (docs/session-states.md, "Bad input").
export const STATUS_CLOCK_TOLERANCE_SECONDS = 300;

export function statusTime(stationAt: Date | undefined, arrivedAt: Date): Date {
  if (stationAt === undefined || Number.isNaN(stationAt.getTime())) return arrivedAt;
  const off = Math.abs(stationAt.getTime() - arrivedAt.getTime());
  return off <= STATUS_CLOCK_TOLERANCE_SECONDS * 1000 ? stationAt : arrivedAt;
}
