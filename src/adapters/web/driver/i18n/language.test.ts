import { describe, expect, it } from 'vitest';
import { languageFromAcceptLanguage, pickLanguage } from './language.ts';

describe('languageFromAcceptLanguage', () => {
  it.each([
    ['nb-NO,nb;q=0.9,en;q=0.8', 'nb'],
    ['no', 'nb'],
    ['nn-NO', 'nb'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,de;q=0.9,en;q=0.5,nb;q=0.4', 'en'],
    ['en;q=0.4, nb;q=0.8', 'nb'],
    ['en, nb', 'en'],
    ['nb;q=0, en;q=0.1', 'en'],
    ['de-DE,fr', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %s', (header, expected) => {
    expect(languageFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('pickLanguage', () => {
  it('prefers ?lang=, then the cookie, then Accept-Language, then bokmål', () => {
    expect(pickLanguage({ query: 'en', cookie: 'nb', acceptLanguage: 'nb' })).toBe('en');
    expect(pickLanguage({ query: 'xx', cookie: 'en', acceptLanguage: 'nb' })).toBe('en');
    expect(pickLanguage({ cookie: 'xx', acceptLanguage: 'en-US' })).toBe('en');
    expect(pickLanguage({ acceptLanguage: 'sv-SE' })).toBe('nb');
    expect(pickLanguage({})).toBe('nb');
  });
});
