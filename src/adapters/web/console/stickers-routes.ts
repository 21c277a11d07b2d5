import type { FastifyInstance } from 'fastify';
import { normalizeConnectorCode } from '../../../core/connector-code.ts';
import type { Connector } from '../../../usecases/ports/operator-stations.ts';
import { html } from '../html.ts';
import { sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { STICKERS_PER_PAGE, stickerSheetPdf, type Sticker, type StickersPerPage } from './sticker-pdf.ts';
import { stickerPriceLines, tariffInForce } from './sticker-price.ts';
import { landingUrl } from './sticker-qr.ts';
import { textOf } from './i18n/console-language.ts';

const MAX_STICKERS = 300;

// `connectors=A,B` or `connectors=A&connectors=B`.
function codesOf(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : [value];
  return [...new Set(parts.flatMap((p) => (typeof p === 'string' ? p.split(',') : [])).map(normalizeConnectorCode).filter((c) => /^[A-Z0-9]{1,40}$/.test(c)))];
}

async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

export function registerStickerRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.get<{ Querystring: { connectors?: string | string[] } }>('/console/stickers', async (request, reply) => {
    const [connectors, stations] = await Promise.all([deps.stations.connectors(), deps.stations.list()]);
    const names = new Map(stations.map((s) => [s.id, s.name]));
    const chosen = new Set(codesOf(request.query.connectors));
    const t = textOf(request);
    const m = t.stickers;
    const main = html`<h1>${m.title}</h1>
<p>${m.leadsTo} <span class="mono">${landingUrl(deps.publicUrl, 'CODE')}</span>.
${deps.stickers.usesVipps() ? m.byVipps : m.madeHere}</p>
<form class="card" method="get" action="/console/stickers.pdf" aria-label="${m.sheetLabel}">
<table><thead><tr><th scope="col">${m.print}</th><th scope="col">${m.code}</th><th scope="col">${t.common.station}</th><th scope="col">${t.common.connector}</th></tr></thead><tbody>
${connectors.map(
  (c: Connector) => html`<tr><td><input type="checkbox" name="connectors" value="${c.code}" id="sticker-${c.code}"${chosen.size === 0 || chosen.has(c.code) ? html` checked` : ''}></td>
<td><label for="sticker-${c.code}" class="mono">${c.code}</label></td><td>${names.get(c.stationId) ?? c.stationId}</td><td>#${c.connectorNo} ${c.type}${c.disabled ? m.disabled : ''}</td></tr>`,
)}</tbody></table>
<div class="actions"><label>${m.perPage} <select name="perPage">${STICKERS_PER_PAGE.map((n) => html`<option${n === 4 ? html` selected` : ''}>${n}</option>`)}</select></label>
<button type="submit">${m.makePdf}</button></div></form>`;
    return sendPage(deps, request, reply, { title: m.title, section: 'stickers', main });
  });

  app.get<{ Querystring: { connectors?: string | string[]; perPage?: string } }>('/console/stickers.pdf', async (request, reply) => {
    const perPage = Number(request.query.perPage ?? '4');
    if (!(STICKERS_PER_PAGE as readonly number[]).includes(perPage)) {
      return reply.code(400).type('text/plain; charset=utf-8').send(`perPage must be one of ${STICKERS_PER_PAGE.join(', ')}`);
    }
    const codes = codesOf(request.query.connectors);
    const connectors = codes.length > 0 ? await deps.stations.connectorsByCodes(codes) : (await deps.stations.connectors()).filter((c) => !c.disabled);
    if (connectors.length === 0) return reply.code(404).type('text/plain; charset=utf-8').send('No such connectors.');
    if (connectors.length > MAX_STICKERS) return reply.code(400).type('text/plain; charset=utf-8').send(`At most ${MAX_STICKERS} stickers per sheet.`);
    const [stationList, tariffs] = await Promise.all([deps.stations.list(), deps.tariffs.list()]);
    const stations = new Map(stationList.map((s) => [s.id, s.name]));
    const siteOf = new Map(stationList.map((s) => [s.id, s.siteId]));
    const now = deps.now();
    const stickers = await inBatches(connectors, 4, async (c): Promise<Sticker> => {
      const qr = await deps.stickers.forConnector(c.code);
      const price = stickerPriceLines(tariffInForce(tariffs, siteOf.get(c.stationId) ?? '', now));
      return {
        code: c.code,
        qrPng: qr.png,
        shortUrl: qr.landingUrl.replace(/^https?:\/\//, ''),
        caption: `${stations.get(c.stationId) ?? c.stationId} · ${c.type} #${c.connectorNo}`,
        ...(price ? { price } : {}),
      };
    });
    const pdf = await stickerSheetPdf(stickers, { operatorName: deps.seller.name, perPage: perPage as StickersPerPage, support: deps.seller.support });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'inline; filename="ladepay-stickers.pdf"')
      .type('application/pdf')
      .send(pdf);
  });
}
