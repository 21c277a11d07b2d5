// Weekdays as ISO numbers (1 = Monday) written as people write them: runs of
// days joined ("Mon–Fri"), others listed ("Sat, Sun" → "Sat–Sun").

const DASH = '\u2013';

export function weekdayRuns(days: readonly number[], names: readonly string[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    const first = names[(sorted[i] ?? 1) - 1] ?? '';
    const last = names[(sorted[j] ?? 1) - 1] ?? '';
    runs.push(j === i ? first : j === i + 1 ? `${first}, ${last}` : `${first}${DASH}${last}`);
    i = j + 1;
  }
  return runs.join(', ');
}

const NAMES: Record<string, number> = {
  mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7,
  man: 1, tir: 2, ons: 3, tor: 4, fre: 5, lør: 6, lor: 6, søn: 7, son: 7,
};

function dayOf(token: string): number | undefined {
  if (/^[1-7]$/.test(token)) return Number(token);
  return NAMES[token.slice(0, 3)];
}

// "Mon-Fri", "man–fre", "1-5", "Sat, Sun", "all" → [1 … 7]; undefined when a part is not a day.
export function parseWeekdays(input: string): number[] | undefined {
  const text = input.trim().toLowerCase();
  if (text === 'all' || text === 'alle' || text === 'every day') return [1, 2, 3, 4, 5, 6, 7];
  const days = new Set<number>();
  for (const part of text.split(/[,\s]+/).filter(Boolean)) {
    const range = part.split(/[-\u2013]/);
    if (range.length === 1) {
      const d = dayOf(part);
      if (d === undefined) return undefined;
      days.add(d);
    } else if (range.length === 2) {
      const a = dayOf(range[0] ?? '');
      const b = dayOf(range[1] ?? '');
      if (a === undefined || b === undefined) return undefined;
      // "Sat-Mon" wraps over the week's end.
      for (let d = a; ; d = (d % 7) + 1) {
        days.add(d);
        if (d === b) break;
      }
    } else return undefined;
  }
  return days.size > 0 ? [...days].sort((x, y) => x - y) : undefined;
}
