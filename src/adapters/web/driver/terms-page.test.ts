import { describe, expect, it } from 'vitest';
import { en } from './i18n/en.ts';
import { nb } from './i18n/nb.ts';
import { termsPage } from './terms-page.ts';

const ctx = (t: typeof nb, language: 'nb' | 'en') => ({
  language,
  t,
  assets: { css: '/a.css', js: '/a.js' },
  operatorName: 'Fjordlading AS',
  path: '/terms',
});

describe('the built-in terms', () => {
  it.each([
    [nb, 'nb', false, 'Strøm etter at du trykket stopp, betaler du ikke for.'],
    [nb, 'nb', true, 'Du betaler for strømmen til ladingen faktisk stopper, aldri mer enn maksbeløpet.'],
    [en, 'en', false, 'You do not pay for energy delivered after you pressed stop.'],
    [en, 'en', true, 'You pay for the energy until the charge actually stops, never more than your maximum amount.'],
  ] as const)('say which rule applies to energy after a stop the station never got (%#)', (t, language, bill, sentence) => {
    const page = termsPage(ctx(t, language), { billEnergyAfterUndeliveredStop: bill });
    expect(page).toContain(sentence);
  });
});
