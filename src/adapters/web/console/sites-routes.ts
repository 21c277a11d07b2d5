import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Site } from '../../../usecases/ports/operator-stations.ts';
import { html } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { textOf } from './i18n/console-language.ts';
import { field, problemSummary, type FieldErrors } from './form-errors.ts';
import { csrfField } from './layout.ts';
import type { Messages } from './i18n/messages.ts';
import { completenessBadge, siteFeedCard } from './site-feed-card.ts';
import { formErrorsOf, inputOf, siteFeedFields, valuesOfForm, valuesOfSite, type SiteFeedValues } from './site-feed-form.ts';

export const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,47}$/;

interface SiteForm {
  id: string;
  name: string;
  address: string;
}

export function checkSite(f: SiteForm, isNew: boolean, t: Messages): FieldErrors {
  const errors: FieldErrors = {};
  if (isNew && !SLUG.test(f.id)) errors.id = t.sites.badId;
  if (f.name.length < 1 || f.name.length > 100) errors.name = t.forms.nameRequired;
  if (f.address.length > 200) errors.address = t.forms.atMost200;
  return errors;
}

export function registerSiteRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const listPage = async (t: Messages, csrf: string, form: SiteForm, errors: FieldErrors) => {
    const [sites, feeds] = await Promise.all([deps.sites.list(), deps.feeds.overview()]);
    const m = t.sites;
    return html`<h1>${m.title}</h1>
<table><thead><tr><th scope="col">${t.common.site}</th><th scope="col">${t.common.address}</th><th scope="col">${t.common.status}</th><th scope="col">${t.feeds.column}</th></tr></thead><tbody>
${sites.map((s: Site) => {
  const feed = feeds.get(s.id);
  return html`<tr><td><a href="/console/sites/${encodeURIComponent(s.id)}">${s.name}</a> <span class="muted mono">${s.id}</span></td><td>${s.address}</td>
<td>${s.disabled ? html`<span class="badge off">${t.common.disabled}</span>` : html`<span class="badge ok">${t.common.active}</span>`}</td>
<td>${feed && completenessBadge(feed, t)}</td></tr>`;
})}</tbody></table>
<h2 id="new-site">${m.newSite}</h2>
<form class="stack card" method="post" action="/console/sites" aria-labelledby="new-site">${csrfField(csrf)}
${field({ name: 'id', label: m.siteId, value: form.id, errors, required: true, hint: m.siteIdHint })}
${field({ name: 'name', label: t.common.name, value: form.name, errors, required: true })}
${field({ name: 'address', label: t.common.address, value: form.address, errors })}
<div><button type="submit">${m.create}</button></div></form>`;
  };

  app.get('/console/sites', async (request, reply) => {
    const t = textOf(request);
    const main = await listPage(t, deps.auth.current(request).csrfToken, { id: '', name: '', address: '' }, {});
    return sendPage(deps, request, reply, { title: t.sites.title, section: 'sites', main });
  });

  app.post('/console/sites', async (request, reply) => {
    const form = { id: formField(request.body, 'id'), name: formField(request.body, 'name'), address: formField(request.body, 'address') };
    const t = textOf(request);
    const errors = checkSite(form, true, t);
    if (!errors.id && (await deps.sites.get(form.id))) errors.id = t.sites.exists;
    const made = Object.keys(errors).length === 0 ? await deps.sites.create(form) : undefined;
    if (made && !made.ok) errors.id = t.sites.exists;
    if (!made?.ok) {
      const main = await listPage(t, deps.auth.current(request).csrfToken, form, errors);
      return sendPage(deps, request, reply, { title: t.sites.title, section: 'sites', main, problem: problemSummary(errors, t) }, 400);
    }
    await deps.audit.record({ ...auditBy(deps, request), action: 'site.create', subjectType: 'site', subjectId: form.id, outcome: 'ok', detail: { name: form.name } });
    return reply.redirect(`/console/sites/${encodeURIComponent(form.id)}?notice=site-created`, 303);
  });

  const noSuchSite = (request: FastifyRequest, reply: FastifyReply) => {
    const t = textOf(request);
    return sendPage(deps, request, reply, { title: t.common.notFound, section: 'sites', main: html`<h1>${t.common.noSuchSite}</h1>` }, 404);
  };

  // The site's page: what the feeds make of it, then the form; after a refused form, what was typed.
  const sitePage = async (request: FastifyRequest, reply: FastifyReply, site: Site, typed?: { values: SiteFeedValues; errors: FieldErrors }) => {
    const t = textOf(request);
    const feed = await deps.feeds.site(site.id);
    const main = html`<h1>${site.name}</h1>
<p class="muted">${t.sites.siteIdIs} <span class="mono">${site.id}</span></p>
${feed && siteFeedCard(feed, t)}
${editForm(t, site, typed?.values ?? valuesOfSite(site), deps.auth.current(request).csrfToken, typed?.errors ?? {})}`;
    const page = { title: site.name, section: 'sites' as const, main, ...(typed ? { problem: problemSummary(typed.errors, t) } : {}) };
    return sendPage(deps, request, reply, page, typed ? 400 : 200);
  };

  app.get<{ Params: { id: string } }>('/console/sites/:id', async (request, reply) => {
    const site = await deps.sites.get(request.params.id);
    return site ? sitePage(request, reply, site) : noSuchSite(request, reply);
  });

  app.post<{ Params: { id: string } }>('/console/sites/:id', async (request, reply) => {
    const t = textOf(request);
    const site = await deps.sites.get(request.params.id);
    if (!site) return noSuchSite(request, reply);
    const form = { id: site.id, name: formField(request.body, 'name'), address: formField(request.body, 'address') };
    const disabled = formField(request.body, 'disabled') === 'on';
    const values = valuesOfForm(request.body);
    const feedInput = inputOf(values, t);
    const errors = { ...checkSite(form, false, t), ...(feedInput.ok ? {} : feedInput.errors) };
    const updated = Object.keys(errors).length === 0 && feedInput.ok ? await deps.sites.update(site.id, { name: form.name, address: form.address, disabled, ...feedInput.input }) : undefined;
    if (updated?.ok === false && updated.reason === 'not_found') return noSuchSite(request, reply);
    if (updated?.ok === false && updated.reason === 'invalid') Object.assign(errors, formErrorsOf(updated.errors, t));
    if (!updated?.ok) return sitePage(request, reply, { ...site, name: form.name, address: form.address, disabled }, { values, errors });
    await deps.audit.record({ ...auditBy(deps, request), action: 'site.update', subjectType: 'site', subjectId: site.id, outcome: 'ok', detail: { name: form.name, disabled, ...(feedInput.ok ? feedInput.input : {}) } });
    return reply.redirect(`/console/sites/${encodeURIComponent(site.id)}?notice=site-saved`, 303);
  });
}

function editForm(t: Messages, site: Site, values: SiteFeedValues, csrf: string, errors: FieldErrors) {
  return html`<form class="stack card" method="post" action="/console/sites/${encodeURIComponent(site.id)}">${csrfField(csrf)}
${field({ name: 'name', label: t.common.name, value: site.name, errors, required: true })}
${field({ name: 'address', label: t.common.address, value: site.address, errors })}
${siteFeedFields(values, errors, t)}
<label class="check"><input type="checkbox" name="disabled"${site.disabled ? html` checked` : ''}> ${t.sites.disabledSite}</label>
<div><button type="submit">${t.common.save}</button> <a class="button secondary" href="/console/sites">${t.common.back}</a></div></form>`;
}
