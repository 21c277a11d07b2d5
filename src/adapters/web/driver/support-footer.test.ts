import { describe, expect, it } from 'vitest';
import { CHARGING_TOKEN, buildDriverTestApp } from '../../../../test/browser/driver-test-app.ts';
import { en } from './i18n/en.ts';
import { nb } from './i18n/nb.ts';
import { supportFooter } from './support-footer.ts';

const PAGES = ['/c/K7P2QX', `/s/${CHARGING_TOKEN}`, '/terms'];

describe('the support contact', () => {
  it('is in the footer of the landing, status and terms pages, as links to call, write and read', async () => {
    const { app } = await buildDriverTestApp({ support: { phone: '+47 55 12 34 56', email: 'kundeservice@fjordlading.example', url: 'https://lade.example.no/hjelp' } });
    try {
      for (const url of PAGES) {
        const body = (await app.inject({ url, headers: { 'accept-language': 'nb' } })).body;
        expect(body, url).toContain(
          '<div class="support"><p id="support-heading">Kundeservice</p>\n<ul aria-labelledby="support-heading"><li><a href="tel:+4755123456" class="nowrap">+47 55 12 34 56</a></li><li><a href="mailto:kundeservice@fjordlading.example">kundeservice@fjordlading.example</a></li><li><a href="https://lade.example.no/hjelp">Hjelp og kontakt</a></li></ul></div>',
        );
      }
      expect((await app.inject({ url: '/terms', headers: { 'accept-language': 'en' } })).body).toContain('<p id="support-heading">Customer service</p>');
    } finally {
      await app.close();
    }
  });

  it('is left out when the operator has given none', async () => {
    const { app } = await buildDriverTestApp({ support: undefined });
    try {
      for (const url of PAGES) expect((await app.inject(url)).body, url).not.toContain('class="support"');
    } finally {
      await app.close();
    }
  });

  it('shows what there is: a phone number alone, or only a help page', () => {
    expect(supportFooter(en, { phone: '+46 8 123 456 78' })?.value).toContain('<ul aria-labelledby="support-heading"><li><a href="tel:+46812345678" class="nowrap">+46 8 123 456 78</a></li></ul>');
    expect(supportFooter(nb, { url: 'https://fjordlading.no/hjelp' })?.value).toContain('<ul aria-labelledby="support-heading"><li><a href="https://fjordlading.no/hjelp">Hjelp og kontakt</a></li></ul>');
    expect(supportFooter(nb, undefined)).toBeUndefined();
  });
});
