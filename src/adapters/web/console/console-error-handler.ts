import type { FastifyInstance } from 'fastify';
import { html } from '../html.ts';
import { languageContext } from './i18n/console-language.ts';
import { renderPage } from './layout.ts';

// Errors in the console answer with a plain page; the detail stays in the log.
export function registerConsoleErrorHandler(app: FastifyInstance, o: { cssUrl: string; operatorName: string }): void {
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'console request failed');
    else request.log.info({ err: error.message, status }, 'console request refused');
    const lang = languageContext(request);
    const t = lang.t.pages;
    const text = status >= 500 ? t.serverError : status === 429 ? t.tooMany : t.badRequest;
    const body = renderPage(
      { ...o, ...lang },
      { title: t.errorTitle, main: html`<h1>${status >= 500 ? t.errorTitle : t.refusedTitle}</h1><p>${text}</p><p><a href="/console">${lang.t.common.backToConsole}</a></p>` },
    );
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  });
}
