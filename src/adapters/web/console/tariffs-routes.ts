import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assignmentKey } from '../../../core/tariff-assignment.ts';
import type { Tariff } from '../../../core/tariff.ts';
import type { TariffEntry } from '../../../usecases/ports/operator-tariffs.ts';
import { formatNok } from '../format-nok.ts';
import { html } from '../html.ts';
import { powerClassText, tariffRefusalMessage } from '../tariff-messages.ts';
import { weekdayRuns } from '../weekdays.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { textOf } from './i18n/console-language.ts';
import { field, problemSummary, type FieldErrors } from './form-errors.ts';
import { kronerDecimal, percentDecimal } from './kroner.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import { EMPTY_TARIFF_FORM, readTariffForm, type TariffForm } from './tariff-form.ts';
import type { PERIOD_FIELDS} from './tariff-schedule-form.ts';
import { PERIOD_ROWS, periodFieldName, periodFieldNames, readPeriodRows, readPowerClass, type AssignmentForm } from './tariff-schedule-form.ts';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
type FullForm = TariffForm & AssignmentForm & Record<string, string>;
const EMPTY: FullForm = { ...EMPTY_TARIFF_FORM, connectorId: '', powerCurrent: '', powerMinKw: '', powerMaxKw: '', ...Object.fromEntries(periodFieldNames().map((n) => [n, ''])) };

// Per assignment: the tariff in force now, any scheduled later, and those replaced.
function standing(entries: readonly TariffEntry[], now: Date): Map<string, 'in force' | 'scheduled' | 'replaced'> {
  const out = new Map<string, 'in force' | 'scheduled' | 'replaced'>();
  const at = now.toISOString();
  const seen = new Set<string>();
  // entries are newest validity first
  for (const e of entries) {
    const scope = assignmentKey(e);
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
  const page = async (request: FastifyRequest, form: FullForm, errors: FieldErrors) => {
    const [entries, sites, stations, connectors] = await Promise.all([deps.tariffs.list(), deps.sites.list(), deps.stations.list(), deps.stations.connectors()]);
    const siteName = new Map(sites.map((s) => [s.id, s.name]));
    const stationName = new Map(stations.map((s) => [s.id, s.name]));
    const connectorName = new Map(connectors.map((c) => [c.id, `${c.code} (${stationName.get(c.stationId) ?? c.stationId} #${c.connectorNo}, ${c.type})`]));
    const state = standing(entries, deps.now());
    const f = (name: keyof TariffForm, label: string, hint?: string) =>
      field({ name, label, value: form[name], errors, ...(hint ? { hint } : {}), required: name === 'name' || name === 'perKwh' });
    const appliesTo = (e: TariffEntry) => {
      if (e.connectorId) return `connector ${connectorName.get(e.connectorId) ?? e.connectorId}`;
      const where = e.siteId ? (siteName.get(e.siteId) ?? e.siteId) : 'all sites';
      return e.powerClass ? `${where} · ${powerClassText(e.powerClass)}` : where;
    };
    const error = (name: string) => errors[name] && html`<span class="field-error" id="${name}-error">${errors[name]}</span>`;
    const cell = (row: number, f: (typeof PERIOD_FIELDS)[number], hint: string) => {
      const name = periodFieldName(row, f);
      return html`<td><input name="${name}" value="${form[name] ?? ''}" aria-label="Period ${row + 1}: ${hint}"${errors[name] ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''} size="${f === 'Days' ? 9 : 6}">${error(name)}</td>`;
    };
    return html`<h1>Tariffs</h1>
<p>Prices include VAT. A tariff is never changed in place: a new price is a new tariff from a given time, and each session keeps the price in effect when it started, to its end.
A tariff applies to all sites, a site, a power class (AC or DC, a power range; at a site or everywhere) or one connector: the most specific one in force wins. Periods price times of the week otherwise, on Norwegian time.</p>
<table><thead><tr><th scope="col">Name</th><th scope="col">Applies to</th><th scope="col">Prices</th><th scope="col" class="num">VAT</th><th scope="col">Valid from</th><th scope="col">Status</th></tr></thead><tbody>
${entries.map(
  (e) => html`<tr><td>${e.name}</td><td>${appliesTo(e)}</td><td>${prices(e.tariff)}${e.periods.map(
    (p) => html`<br><span class="period">${weekdayRuns(p.days, DAYS)} ${p.from}–${p.to}: ${prices({ ...e.tariff, ...p.prices })}</span>`,
  )}</td>
<td class="num">${percentDecimal(e.tariff.vatRateBasisPoints)} %</td><td>${formatOslo(e.validFrom)}</td>
<td><span class="badge ${state.get(e.id) === 'in force' ? 'ok' : state.get(e.id) === 'scheduled' ? 'warn' : 'off'}">${state.get(e.id)}</span></td></tr>`,
)}</tbody></table>
<h2 id="new-tariff">New tariff</h2>
<form class="stack card" method="post" action="/console/tariffs" aria-labelledby="new-tariff">${csrfField(deps.auth.current(request).csrfToken)}
${f('name', 'Name')}
<fieldset><legend>Applies to</legend>
<label>Site <select name="siteId"><option value="">All sites (operator-wide)</option>${sites.map(
      (s) => html`<option value="${s.id}"${s.id === form.siteId ? html` selected` : ''}>${s.name}</option>`,
    )}</select>${error('siteId')}</label>
<label>Power class: current <select name="powerCurrent">${[['', 'AC or DC'], ['AC', 'AC'], ['DC', 'DC']].map(
      ([v, label]) => html`<option value="${v}"${v === form.powerCurrent ? html` selected` : ''}>${label}</option>`,
    )}</select>${error('powerCurrent')}</label>
${field({ name: 'powerMinKw', label: 'Power class: from (kW)', value: form.powerMinKw, errors, hint: 'rated at least this; blank: any' })}
${field({ name: 'powerMaxKw', label: 'Power class: below (kW)', value: form.powerMaxKw, errors, hint: 'blank: no upper bound' })}
<label>Or one connector <select name="connectorId"><option value="">No single connector</option>${connectors.map(
      (c) => html`<option value="${c.id}"${c.id === form.connectorId ? html` selected` : ''}>${connectorName.get(c.id) ?? c.id}</option>`,
    )}</select>${error('connectorId')}</label>
</fieldset>
<fieldset><legend>Base prices</legend>
${f('perKwh', 'Price per kWh (kr)', 'e.g. 4,99')}
${f('startFee', 'Start fee (kr)')}
${f('perHour', 'Price per hour of charging (kr)')}
${f('idlePerMinute', 'Idle fee per minute (kr)', 'after the grace period, while the car is full but still plugged in')}
${f('idleGraceMinutes', 'Idle grace period (minutes)')}
${f('idleCap', 'Most the idle fee can add (kr)')}
${f('vat', 'VAT (%)')}
</fieldset>
<fieldset><legend>Periods with other prices (Norwegian time)</legend>
<p class="hint">Days such as Mon-Fri, Sat, Sun or all; from and to as 17:00 (to 24:00 for midnight; an end before the start runs into the next day). A blank price is the base price. Periods may not overlap.</p>
<table class="periods"><thead><tr><th scope="col">#</th><th scope="col">Days</th><th scope="col">From</th><th scope="col">To</th><th scope="col">kr/kWh</th><th scope="col">Start fee</th><th scope="col">kr/hour</th><th scope="col">Idle kr/min</th></tr></thead><tbody>
${Array.from(
  { length: PERIOD_ROWS },
  (_, row) => html`<tr><th scope="row">${row + 1}</th>${cell(row, 'Days', 'days')}${cell(row, 'From', 'from')}${cell(row, 'To', 'to')}${cell(row, 'PerKwh', 'price per kWh')}${cell(row, 'StartFee', 'start fee')}${cell(row, 'PerHour', 'price per hour')}${cell(row, 'IdlePerMinute', 'idle fee per minute')}</tr>`,
)}</tbody></table>
</fieldset>
${field({ name: 'validFrom', label: 'Valid from (Norwegian time)', value: form.validFrom, errors, type: 'datetime-local', hint: 'empty: now' })}
<div><button type="submit">Create tariff</button></div></form>`;
  };

  app.get('/console/tariffs', async (request, reply) => {
    return sendPage(deps, request, reply, { title: 'Tariffs', section: 'tariffs', main: await page(request, EMPTY, {}) });
  });

  app.post('/console/tariffs', async (request, reply) => {
    const form = Object.fromEntries(Object.keys(EMPTY).map((k) => [k, formField(request.body, k)])) as FullForm;
    const now = deps.now();
    const read = readTariffForm(form, now);
    const errors: FieldErrors = read.ok ? {} : { ...read.errors };
    const periods = read.ok ? readPeriodRows(form, read.tariff) : undefined;
    if (periods && !periods.ok) Object.assign(errors, periods.errors);
    const powerClass = readPowerClass(form);
    if (!powerClass.ok) Object.assign(errors, powerClass.errors);
    const made =
      read.ok && periods?.ok && powerClass.ok && Object.keys(errors).length === 0
        ? await deps.tariffs.create({
            siteId: form.siteId || null,
            connectorId: form.connectorId || null,
            powerClass: powerClass.powerClass,
            name: form.name,
            tariff: read.tariff,
            periods: periods.periods,
            validFrom: read.validFrom,
          })
        : undefined;
    if (made && !made.ok) {
      const at = made.reason === 'no_site' ? 'siteId' : made.reason === 'no_connector' || made.reason === 'connector_elsewhere' ? 'connectorId' : made.reason === 'class_conflict' ? 'powerMinKw' : 'powerCurrent';
      errors[at] = tariffRefusalMessage(made);
    }
    if (!read.ok || !made?.ok) {
      const main = await page(request, form, errors);
      return sendPage(deps, request, reply, { title: 'Tariffs', section: 'tariffs', main, problem: problemSummary(errors, textOf(request)) }, 400);
    }
    await deps.audit.record({
      ...auditBy(deps, request),
      action: 'tariff.create',
      subjectType: 'tariff',
      subjectId: made.id,
      outcome: 'ok',
      detail: {
        name: form.name,
        siteId: form.siteId || null,
        connectorId: form.connectorId || null,
        powerClass: powerClass.ok ? powerClass.powerClass : null,
        perKwh: kronerDecimal(read.tariff.perKwhOre),
        periods: periods?.ok ? periods.periods.length : 0,
        validFrom: read.validFrom.toISOString(),
      },
    });
    return reply.redirect('/console/tariffs?notice=tariff-created', 303);
  });
}
