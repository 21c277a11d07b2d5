import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Tariff } from '../../../core/tariff.ts';
import type { TariffEntry } from '../../../usecases/ports/operator-tariffs.ts';
import { formatNok } from '../format-nok.ts';
import { html } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { field, problemSummary, type FieldErrors } from './form-errors.ts';
import { kronerDecimal, percentDecimal } from './kroner.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import { EMPTY_TARIFF_FORM, readTariffForm, type TariffForm } from './tariff-form.ts';

const NO_SITE = 'No such site.';

// Per site (or operator-wide): the tariff in force now, and any scheduled later.
function standing(entries: readonly TariffEntry[], now: Date): Map<string, 'in force' | 'scheduled' | 'replaced'> {
  const out = new Map<string, 'in force' | 'scheduled' | 'replaced'>();
  const at = now.toISOString();
  const seen = new Set<string>();
  // entries are newest validity first
  for (const e of entries) {
    const scope = e.siteId ?? '';
    if (e.validFrom > at) out.set(e.id, 'scheduled');
    else if (!seen.has(scope)) {
      out.set(e.id, 'in force');
      seen.add(scope);
    } else out.set(e.id, 'replaced');
  }
  return out;
}

function prices(t: Tariff) {
  const parts = [`${formatNok(t.perKwhOre)}/kWh`];
  if (t.startFeeOre > 0) parts.push(`start ${formatNok(t.startFeeOre)}`);
  if (t.perHourOre > 0) parts.push(`${formatNok(t.perHourOre)}/h`);
  if (t.idlePerMinuteOre > 0) parts.push(`idle ${formatNok(t.idlePerMinuteOre)}/min after ${t.idleGraceMinutes} min, max ${formatNok(t.idleCapOre)}`);
  return parts.join(' · ');
}

export function registerTariffRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const page = async (request: FastifyRequest, form: TariffForm, errors: FieldErrors) => {
    const [entries, sites] = await Promise.all([deps.tariffs.list(), deps.sites.list()]);
    const siteName = new Map(sites.map((s) => [s.id, s.name]));
    const state = standing(entries, deps.now());
    const f = (name: keyof TariffForm, label: string, hint?: string) =>
      field({ name, label, value: form[name], errors, ...(hint ? { hint } : {}), required: name === 'name' || name === 'perKwh' });
    return html`<h1>Tariffs</h1>
<p>Prices include VAT. A tariff is never changed in place: a new price is a new tariff from a given time, and each session keeps the tariff it started with.</p>
<table><thead><tr><th scope="col">Name</th><th scope="col">Applies to</th><th scope="col">Prices</th><th scope="col" class="num">VAT</th><th scope="col">Valid from</th><th scope="col">Status</th></tr></thead><tbody>
${entries.map(
  (e) => html`<tr><td>${e.name}</td><td>${e.siteId ? (siteName.get(e.siteId) ?? e.siteId) : 'all sites'}</td><td>${prices(e.tariff)}</td>
<td class="num">${percentDecimal(e.tariff.vatRateBasisPoints)} %</td><td>${formatOslo(e.validFrom)}</td>
<td><span class="badge ${state.get(e.id) === 'in force' ? 'ok' : state.get(e.id) === 'scheduled' ? 'warn' : 'off'}">${state.get(e.id)}</span></td></tr>`,
)}</tbody></table>
<h2 id="new-tariff">New tariff</h2>
<form class="stack card" method="post" action="/console/tariffs" aria-labelledby="new-tariff">${csrfField(deps.auth.current(request).csrfToken)}
${f('name', 'Name')}
<label>Applies to <select name="siteId"><option value="">All sites (operator-wide default)</option>${sites.map(
      (s) => html`<option value="${s.id}"${s.id === form.siteId ? html` selected` : ''}>${s.name}</option>`,
    )}</select>${errors.siteId && html`<span class="field-error">${errors.siteId}</span>`}</label>
${f('perKwh', 'Price per kWh (kr)', 'e.g. 4,99')}
${f('startFee', 'Start fee (kr)')}
${f('perHour', 'Price per hour of charging (kr)')}
${f('idlePerMinute', 'Idle fee per minute (kr)', 'after the grace period, while the car is full but still plugged in')}
${f('idleGraceMinutes', 'Idle grace period (minutes)')}
${f('idleCap', 'Most the idle fee can add (kr)')}
${f('vat', 'VAT (%)')}
${field({ name: 'validFrom', label: 'Valid from (Norwegian time)', value: form.validFrom, errors, type: 'datetime-local', hint: 'empty: now' })}
<div><button type="submit">Create tariff</button></div></form>`;
  };

  app.get('/console/tariffs', async (request, reply) => {
    return sendPage(deps, request, reply, { title: 'Tariffs', section: 'tariffs', main: await page(request, EMPTY_TARIFF_FORM, {}) });
  });

  app.post('/console/tariffs', async (request, reply) => {
    const form = Object.fromEntries(Object.keys(EMPTY_TARIFF_FORM).map((k) => [k, formField(request.body, k)])) as unknown as TariffForm;
    const now = deps.now();
    const read = readTariffForm(form, now);
    const errors = read.ok ? {} : { ...read.errors };
    if (form.siteId !== '' && !(await deps.sites.get(form.siteId))) errors.siteId = NO_SITE;
    const made = read.ok && Object.keys(errors).length === 0 ? await deps.tariffs.create({ siteId: form.siteId || null, name: form.name, tariff: read.tariff, validFrom: read.validFrom }) : undefined;
    if (made?.ok === false) errors.siteId = NO_SITE;
    if (!read.ok || !made?.ok) {
      const main = await page(request, form, errors);
      return sendPage(deps, request, reply, { title: 'Tariffs', section: 'tariffs', main, problem: problemSummary(errors) }, 400);
    }
    await deps.audit.record({
      ...auditBy(deps, request),
      action: 'tariff.create',
      subjectType: 'tariff',
      subjectId: made.id,
      outcome: 'ok',
      detail: { name: form.name, siteId: form.siteId || null, perKwh: kronerDecimal(read.tariff.perKwhOre), validFrom: read.validFrom.toISOString() },
    });
    return reply.redirect('/console/tariffs?notice=tariff-created', 303);
  });
}
