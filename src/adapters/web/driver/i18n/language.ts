export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'nb';

export function isLanguage(value: unknown): value is Language {
  return value === 'nb' || value === 'en';
}

// Norwegian of any written form reads bokmål; any English reads English;
// anything else gets the default (the stations are in Norway).
function fromTag(tag: string): Language | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
  if (primary === 'en') return 'en';
  return undefined;
}

// RFC 9110 §12.5.4: the highest q wins; ties keep the header's order.
export function languageFromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: fromTag(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((c) => c.language !== undefined && c.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.language;
}

// An explicit choice (?lang=, then the cookie it set) beats the browser's list.
export function pickLanguage(input: { query?: unknown; cookie?: unknown; acceptLanguage?: string | undefined }): Language {
  if (isLanguage(input.query)) return input.query;
  if (isLanguage(input.cookie)) return input.cookie;
  return languageFromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LANGUAGE;
}
