import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assignmentKey } from '../../../core/tariff-assignment.ts';
import type { Tariff } from '../../../core/tariff.ts';
import type { TariffEntry } from '../../../usecases/ports/operator-tariffs.ts';
import { formatNok } from '../format-nok.ts';
import { html } from '../html.ts';
import { weekdayRuns } from '../weekdays.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { textOf } from './i18n/console-language.ts';
import { field, problemSummary, type FieldErrors } from './form-errors.ts';
import { kronerDecimal, percentDecimal } from './kroner.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import type { Messages } from './i18n/messages.ts';
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

function prices(t: Tariff, m: Messages['tariffs']) {
  const parts = [m.perKwh(formatNok(t.perKwhOre))];
  if (t.startFeeOre > 0) parts.push(m.start(formatNok(t.startFeeOre)));
  if (t.perHourOre > 0) parts.push(m.perHour(formatNok(t.perHourOre)));
  if (t.idlePerMinuteOre > 0) parts.push(m.idle(formatNok(t.idlePerMinuteOre), t.idleGraceMinutes, formatNok(t.idleCapOre)));
  return parts.join(' · ');
}

export function registerTariffRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const page = async (request: FastifyRequest, form: FullForm, errors: FieldErrors) => {
    const [entries, sites, stations, connectors] = await Promise.all([deps.tariffs.list(), deps.sites.list(), deps.stations.list(), deps.stations.connectors()]);
    const siteName = new Map(sites.map((s) => [s.id, s.name]));
    const stationName = new Map(stations.map((s) => [s.id, s.name]));
    const connectorName = new Map(connectors.map((c) => [c.id, `${c.code} (${stationName.get(c.stationId) ?? c.stationId} #${c.connectorNo}, ${c.type})`]));
    const state = standing(entries, deps.now());
    const t = textOf(request);
    const m = t.tariffs;
    const f = (name: keyof TariffForm, label: string, hint?: string) =>
      field({ name, label, value: form[name], errors, ...(hint ? { hint } : {}), required: name === 'name' || name === 'perKwh' });
    const appliesTo = (e: TariffEntry) => {
      if (e.connectorId) return m.connectorIs(connectorName.get(e.connectorId) ?? e.connectorId);
      const where = e.siteId ? (siteName.get(e.siteId) ?? e.siteId) : m.allSites;
      return e.powerClass ? `${where} · ${m.powerClass(e.powerClass)}` : where;
    };
    const error = (name: string) => errors[name] && html`<span class="field-error" id="${name}-error">${errors[name]}</span>`;
    const cell = (row: number, f: (typeof PERIOD_FIELDS)[number], hint: string) => {
      const name = periodFieldName(row, f);
      return html`<td><input name="${name}" value="${form[name] ?? ''}" aria-label="${m.periodCell(row + 1, hint)}"${errors[name] ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''} size="${f === 'Days' ? 9 : 6}">${error(name)}</td>`;
    };
    return html`<h1>${m.title}</h1>
<p>${m.intro}</p>
<table><thead><tr><th scope="col">${t.common.name}</th><th scope="col">${m.appliesTo}</th><th scope="col">${m.prices}</th><th scope="col" class="num">${t.common.vat}</th><th scope="col">${m.validFrom}</th><th scope="col">${t.common.status}</th></tr></thead><tbody>
${entries.map(
  (e) => html`<tr><td>${e.name}</td><td>${appliesTo(e)}</td><td>${prices(e.tariff, m)}${e.periods.map(
    (p) => html`<br><span class="period">${weekdayRuns(p.days, DAYS)} ${p.from}–${p.to}: ${prices({ ...e.tariff, ...p.prices }, m)}</span>`,
  )}</td>
<td class="num">${percentDecimal(e.tariff.vatRateBasisPoints)} %</td><td>${formatOslo(e.validFrom)}</td>
<td><span class="badge ${state.get(e.id) === 'in force' ? 'ok' : state.get(e.id) === 'scheduled' ? 'warn' : 'off'}">${m.standing[state.get(e.id) ?? 'replaced']}</span></td></tr>`,
)}</tbody></table>
<h2 id="new-tariff">${m.newTariff}</h2>
<form class="stack card" method="post" action="/console/tariffs" aria-labelledby="new-tariff">${csrfField(deps.auth.current(request).csrfToken)}
${f('name', t.common.name)}
<fieldset><legend>${m.appliesTo}</legend>
<label>${t.common.site} <select name="siteId"><option value="">${m.allSitesOption}</option>${sites.map(
      (s) => html`<option value="${s.id}"${s.id === form.siteId ? html` selected` : ''}>${s.name}</option>`,
    )}</select>${error('siteId')}</label>
<label>${m.powerCurrent} <select name="powerCurrent">${[['', m.acOrDc], ['AC', 'AC'], ['DC', 'DC']].map(
      ([v, label]) => html`<option value="${v}"${v === form.powerCurrent ? html` selected` : ''}>${label}</option>`,
    )}</select>${error('powerCurrent')}</label>
${field({ name: 'powerMinKw', label: m.powerFrom, value: form.powerMinKw, errors, hint: m.powerFromHint })}
${field({ name: 'powerMaxKw', label: m.powerBelow, value: form.powerMaxKw, errors, hint: m.powerBelowHint })}
<label>${m.oneConnector} <select name="connectorId"><option value="">${m.noSingleConnector}</option>${connectors.map(
      (c) => html`<option value="${c.id}"${c.id === form.connectorId ? html` selected` : ''}>${connectorName.get(c.id) ?? c.id}</option>`,
    )}</select>${error('connectorId')}</label>
</fieldset>
<fieldset><legend>${m.basePrices}</legend>
${f('perKwh', m.perKwhLabel, m.perKwhHint)}
${f('startFee', m.startFeeLabel)}
${f('perHour', m.perHourLabel)}
${f('idlePerMinute', m.idleLabel, m.idleHint)}
${f('idleGraceMinutes', m.graceLabel)}
${f('idleCap', m.capLabel)}
${f('vat', m.vatLabel)}
</fieldset>
<fieldset><legend>${m.periods}</legend>
<p class="hint">${m.periodsHint}</p>
<table class="periods"><thead><tr><th scope="col">#</th><th scope="col">${m.days}</th><th scope="col">${t.common.from}</th><th scope="col">${t.common.to}</th><th scope="col">${m.krPerKwh}</th><th scope="col">${m.startFee}</th><th scope="col">${m.krPerHour}</th><th scope="col">${m.idleKrPerMin}</th></tr></thead><tbody>
${Array.from(
  { length: PERIOD_ROWS },
  (_, row) => html`<tr><th scope="row">${row + 1}</th>${cell(row, 'Days', m.cellNames.days)}${cell(row, 'From', m.cellNames.from)}${cell(row, 'To', m.cellNames.to)}${cell(row, 'PerKwh', m.cellNames.perKwh)}${cell(row, 'StartFee', m.cellNames.startFee)}${cell(row, 'PerHour', m.cellNames.perHour)}${cell(row, 'IdlePerMinute', m.cellNames.idlePerMinute)}</tr>`,
)}</tbody></table>
</fieldset>
${field({ name: 'validFrom', label: m.validFromLabel, value: form.validFrom, errors, type: 'datetime-local', hint: m.validFromHint })}
<div><button type="submit">${m.create}</button></div></form>`;
  };

  app.get('/console/tariffs', async (request, reply) => {
    return sendPage(deps, request, reply, { title: textOf(request).tariffs.title, section: 'tariffs', main: await page(request, EMPTY, {}) });
  });

  app.post('/console/tariffs', async (request, reply) => {
    const form = Object.fromEntries(Object.keys(EMPTY).map((k) => [k, formField(request.body, k)])) as FullForm;
    const now = deps.now();
    const t = textOf(request);
    const read = readTariffForm(form, now, t);
    const errors: FieldErrors = read.ok ? {} : { ...read.errors };
    const periods = read.ok ? readPeriodRows(form, read.tariff, t) : undefined;
    if (periods && !periods.ok) Object.assign(errors, periods.errors);
    const powerClass = readPowerClass(form, t);
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
      errors[at] = t.tariffs.refusal(made);
    }
    if (!read.ok || !made?.ok) {
      const main = await page(request, form, errors);
      return sendPage(deps, request, reply, { title: t.tariffs.title, section: 'tariffs', main, problem: problemSummary(errors, t) }, 400);
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
