// How long something has lasted, for the live view: "45 s", "2 min 05 s",
// "1 h 03 min". Whole seconds, rounded down; a clock a little behind the
// stored time shows 0 s, never a negative age.
export function ageText(fromIso: string, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 1000));
  if (Number.isNaN(seconds)) return '–';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
