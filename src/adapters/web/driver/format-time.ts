import type { Language } from './i18n/language.ts';

// Times are stored UTC; a driver in Norway reads them in Oslo time.
const TIME_ZONE = 'Europe/Oslo';

const LOCALES: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' };

// "26. nov. 2026, 14:05" / "26 Nov 2026, 14:05": short enough to stand beside
// its label in a receipt row on a phone.
export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

// seconds → "1:05:09"; under an hour "05:09". driver.js repeats this for the ticking clock.
export function formatElapsed(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${minutes}:${seconds}` : `${minutes}:${seconds}`;
}

export function secondsBetween(fromIso: string, toIso: string): number {
  return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
}
