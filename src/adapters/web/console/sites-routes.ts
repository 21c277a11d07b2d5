import type { FastifyInstance } from 'fastify';
import type { Site } from '../../../usecases/ports/operator-stations.ts';
import { html } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { textOf } from './i18n/console-language.ts';
import { field, problemSummary, type FieldErrors } from './form-errors.ts';
import { csrfField } from './layout.ts';

export const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,47}$/;
const EXISTS = 'A site with this id exists already.';

interface SiteForm {
  id: string;
  name: string;
  address: string;
}

export function checkSite(f: SiteForm, isNew: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (isNew && !SLUG.test(f.id)) errors.id = 'Letters, digits, "-", "_" or ".", at most 48.';
  if (f.name.length < 1 || f.name.length > 100) errors.name = 'A name of 1 to 100 characters is required.';
  if (f.address.length > 200) errors.address = 'At most 200 characters.';
  return errors;
}

export function registerSiteRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const listPage = async (csrf: string, form: SiteForm, errors: FieldErrors) => {
    const sites = await deps.sites.list();
    return html`<h1>Sites</h1>
<table><thead><tr><th scope="col">Site</th><th scope="col">Address</th><th scope="col">Status</th></tr></thead><tbody>
${sites.map(
  (s: Site) => html`<tr><td><a href="/console/sites/${encodeURIComponent(s.id)}">${s.name}</a> <span class="muted mono">${s.id}</span></td><td>${s.address}</td>
<td>${s.disabled ? html`<span class="badge off">disabled</span>` : html`<span class="badge ok">active</span>`}</td></tr>`,
)}</tbody></table>
<h2 id="new-site">New site</h2>
<form class="stack card" method="post" action="/console/sites" aria-labelledby="new-site">${csrfField(csrf)}
${field({ name: 'id', label: 'Site id', value: form.id, errors, required: true, hint: 'short, for URLs and the API, e.g. oslo-sentrum' })}
${field({ name: 'name', label: 'Name', value: form.name, errors, required: true })}
${field({ name: 'address', label: 'Address', value: form.address, errors })}
<div><button type="submit">Create site</button></div></form>`;
  };

  app.get('/console/sites', async (request, reply) => {
    const main = await listPage(deps.auth.current(request).csrfToken, { id: '', name: '', address: '' }, {});
    return sendPage(deps, request, reply, { title: 'Sites', section: 'sites', main });
  });

  app.post('/console/sites', async (request, reply) => {
    const form = { id: formField(request.body, 'id'), name: formField(request.body, 'name'), address: formField(request.body, 'address') };
    const errors = checkSite(form, true);
    if (!errors.id && (await deps.sites.get(form.id))) errors.id = EXISTS;
    const made = Object.keys(errors).length === 0 ? await deps.sites.create(form) : undefined;
    if (made && !made.ok) errors.id = EXISTS;
    if (!made?.ok) {
      const main = await listPage(deps.auth.current(request).csrfToken, form, errors);
      return sendPage(deps, request, reply, { title: 'Sites', section: 'sites', main, problem: problemSummary(errors, textOf(request)) }, 400);
    }
    await deps.audit.record({ ...auditBy(deps, request), action: 'site.create', subjectType: 'site', subjectId: form.id, outcome: 'ok', detail: { name: form.name } });
    return reply.redirect(`/console/sites/${encodeURIComponent(form.id)}?notice=site-created`, 303);
  });

  app.get<{ Params: { id: string } }>('/console/sites/:id', async (request, reply) => {
    const site = await deps.sites.get(request.params.id);
    if (!site) return sendPage(deps, request, reply, { title: 'Not found', section: 'sites', main: html`<h1>No such site</h1>` }, 404);
    return sendPage(deps, request, reply, { title: site.name, section: 'sites', main: editPage(site, deps.auth.current(request).csrfToken, {}) });
  });

  app.post<{ Params: { id: string } }>('/console/sites/:id', async (request, reply) => {
    const site = await deps.sites.get(request.params.id);
    if (!site) return sendPage(deps, request, reply, { title: 'Not found', section: 'sites', main: html`<h1>No such site</h1>` }, 404);
    const form = { id: site.id, name: formField(request.body, 'name'), address: formField(request.body, 'address') };
    const disabled = formField(request.body, 'disabled') === 'on';
    const errors = checkSite(form, false);
    if (Object.keys(errors).length > 0) {
      const main = editPage({ ...site, name: form.name, address: form.address }, deps.auth.current(request).csrfToken, errors);
      return sendPage(deps, request, reply, { title: site.name, section: 'sites', main, problem: problemSummary(errors, textOf(request)) }, 400);
    }
    await deps.sites.update(site.id, { name: form.name, address: form.address, disabled });
    await deps.audit.record({ ...auditBy(deps, request), action: 'site.update', subjectType: 'site', subjectId: site.id, outcome: 'ok', detail: { name: form.name, disabled } });
    return reply.redirect(`/console/sites/${encodeURIComponent(site.id)}?notice=site-saved`, 303);
  });
}

function editPage(site: Site, csrf: string, errors: FieldErrors) {
  return html`<h1>${site.name}</h1>
<p class="muted">Site id <span class="mono">${site.id}</span></p>
<form class="stack card" method="post" action="/console/sites/${encodeURIComponent(site.id)}">${csrfField(csrf)}
${field({ name: 'name', label: 'Name', value: site.name, errors, required: true })}
${field({ name: 'address', label: 'Address', value: site.address, errors })}
<label class="check"><input type="checkbox" name="disabled"${site.disabled ? html` checked` : ''}> Disabled (its stations take no new sessions)</label>
<div><button type="submit">Save</button> <a class="button secondary" href="/console/sites">Back</a></div></form>`;
}
