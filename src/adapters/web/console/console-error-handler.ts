import type { FastifyInstance } from 'fastify';
import { html } from '../html.ts';
import { renderPage } from './layout.ts';

// Errors in the console answer with a plain page; the detail stays in the log.
export function registerConsoleErrorHandler(app: FastifyInstance, o: { cssUrl: string; operatorName: string }): void {
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'console request failed');
    else request.log.info({ err: error.message, status }, 'console request refused');
    const text = status >= 500 ? 'Something went wrong on our side. Nothing more was changed; try again.' : status === 429 ? 'Too many requests. Wait a minute and try again.' : 'That request could not be understood.';
    const body = renderPage(o, { title: 'Error', main: html`<h1>${status >= 500 ? 'Error' : 'Request refused'}</h1><p>${text}</p><p><a href="/console">Back to the console</a></p>` });
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  });
}
