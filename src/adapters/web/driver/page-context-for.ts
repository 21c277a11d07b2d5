import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SupportContact } from '../../../usecases/ports/support-contact.ts';
import { pickLanguage } from './i18n/language.ts';
import { messagesFor } from './i18n/messages-for.ts';
import type { AssetUrls, PageContext } from './page-context.ts';

const LANGUAGE_COOKIE = 'lang';
const YEAR_SECONDS = 365 * 24 * 3600;

export interface PageContextSource {
  assets: AssetUrls;
  operatorName: string;
  support?: SupportContact;
  secureCookies: boolean;
}

// The language comes from ?lang= (remembered in a cookie), the cookie, then
// Accept-Language. `path` is where the language switch link points.
export function pageContextFor(request: FastifyRequest, reply: FastifyReply, source: PageContextSource, path?: string): PageContext {
  const query = request.query as Record<string, unknown> | undefined;
  // cookies is unset when a request fails before its hooks ran (the error page still needs a language).
  const cookie = request.cookies?.[LANGUAGE_COOKIE];
  const language = pickLanguage({ query: query?.['lang'], cookie, acceptLanguage: request.headers['accept-language'] });
  if (query?.['lang'] === language && cookie !== language) {
    reply.setCookie(LANGUAGE_COOKIE, language, {
      path: '/',
      maxAge: YEAR_SECONDS,
      sameSite: 'lax',
      httpOnly: true,
      secure: source.secureCookies,
    });
  }
  return {
    language,
    t: messagesFor(language),
    assets: source.assets,
    operatorName: source.operatorName,
    support: source.support,
    path: path ?? request.url.split('?')[0] ?? '/',
  };
}
