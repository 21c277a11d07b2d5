import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLanguage, languageFromAcceptLanguage, type Language } from '../../driver/i18n/language.ts';
import { en } from './en.ts';
import type { Messages } from './messages.ts';
import { nb } from './nb.ts';

export type { Language };

// The console's own cookie, apart from the driver pages' "lang": an operator
// may read the console in English and test the driver's pages in bokmål.
export const CONSOLE_LANGUAGE_COOKIE = 'console_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

const BY_LANGUAGE: Record<Language, Messages> = { nb, en };

// An explicit choice (?lang=, then the cookie it set) beats the browser's
// list; without either the console is in English (a request naming no
// language, like a script's, gets the texts the console always had).
export function consoleLanguage(request: FastifyRequest): Language {
  const query = (request.query as Record<string, unknown> | undefined)?.['lang'];
  if (isLanguage(query)) return query;
  // cookies is unset when a request fails before the cookie plugin ran.
  const cookie = request.cookies?.[CONSOLE_LANGUAGE_COOKIE];
  if (isLanguage(cookie)) return cookie;
  return languageFromAcceptLanguage(request.headers['accept-language']) ?? 'en';
}

export function textOf(request: FastifyRequest): Messages {
  return BY_LANGUAGE[consoleLanguage(request)];
}

export function messagesIn(language: Language): Messages {
  return BY_LANGUAGE[language];
}

// The navigation's switch is a plain link with ?lang= (no script): the
// choice is remembered for the console's paths.
export function rememberConsoleLanguage(app: FastifyInstance, o: { secure(): boolean }): void {
  app.addHook('onRequest', async (request, reply) => {
    const query = (request.query as Record<string, unknown> | undefined)?.['lang'];
    if (isLanguage(query) && request.cookies[CONSOLE_LANGUAGE_COOKIE] !== query) {
      reply.setCookie(CONSOLE_LANGUAGE_COOKIE, query, { path: '/console', maxAge: YEAR_SECONDS, sameSite: 'lax', httpOnly: true, secure: o.secure() });
    }
  });
}

// Where the switch link points: the page itself when it was a GET (its other
// query parameters kept), the console's home after a form post.
export function switchHref(request: FastifyRequest, language: Language): string {
  const url = new URL(request.method === 'GET' ? request.url : '/console', 'http://console.invalid');
  url.searchParams.set('lang', language);
  return `${url.pathname}${url.search}`;
}

// What the layout needs to speak the request's language.
export function languageContext(request: FastifyRequest): { language: Language; t: Messages; switchTo: { language: Language; name: string; href: string } } {
  const language = consoleLanguage(request);
  const other: Language = language === 'nb' ? 'en' : 'nb';
  return { language, t: BY_LANGUAGE[language], switchTo: { language: other, name: BY_LANGUAGE[other].languageName, href: switchHref(request, other) } };
}
