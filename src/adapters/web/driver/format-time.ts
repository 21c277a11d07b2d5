import type { Language } from './i18n/language.ts';

// Times are stored UTC; a driver in Norway reads them in Oslo time.
const TIME_ZONE = 'Europe/Oslo';

const LOCALES: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' };

// "26. nov. 2026, 14:05" / "26 Nov 2026, 14:05": short enough to stand beside
// its label in a receipt row on a phone.
export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

const NBSP = '\u00a0';

// seconds → "20 min 05 s"; from an hour "1 t 05 min" (hourUnit "t" in bokmål, "h" in English): a
// clock-like "00:20" reads as minutes or hours. driver.js repeats this for the ticking clock.
export function formatElapsed(totalSeconds: number, hourUnit: string): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}${NBSP}${hourUnit} ${two(minutes)}${NBSP}min` : `${minutes}${NBSP}min ${two(s % 60)}${NBSP}s`;
}

export function secondsBetween(fromIso: string, toIso: string): number {
  return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
}

const CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

// "17:00" on Norway's clock: the same digits in both languages.
export function formatClock(iso: string): string {
  return CLOCK.format(new Date(iso));
}
