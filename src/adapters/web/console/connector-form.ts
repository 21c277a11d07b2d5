import { choicesFor, type ConnectorDataError } from '../../../core/feed/connector-data.ts';
import { CONNECTOR_FORMATS } from '../../../core/feed/feed-vocabulary.ts';
import { CONNECTOR_TYPES, parseKw } from '../../../core/station-setup.ts';
import type { ConnectorChange } from '../../../usecases/operator/station-admin.ts';
import type { Connector } from '../../../usecases/ports/operator-stations.ts';
import { html, type SafeHtml } from '../html.ts';
import { formField } from './console-route-deps.ts';
import { field, type FieldErrors } from './form-errors.ts';
import type { Messages } from './i18n/messages.ts';
import { csrfField } from './layout.ts';
import { kwText, typeSelect } from './station-forms.ts';

// One connector's row on the station page: its type and power, what the
// charger feeds say of it (docs/feed-data.md) and whether it is disabled.
// Refused, the row shows what was typed with the reasons.

export interface ConnectorValues {
  type: string;
  power: string;
  standard: string;
  format: string;
  powerType: string;
  maxVoltage: string;
  maxAmperage: string;
  cardTerminal: boolean;
  disabled: boolean;
}

const DATA = ['standard', 'format', 'powerType', 'maxVoltage', 'maxAmperage'] as const;

export function valuesOfConnector(c: Connector): ConnectorValues {
  return {
    type: c.type,
    power: kwText(c.maxPowerW),
    standard: c.standard ?? '',
    format: c.format ?? '',
    powerType: c.powerType ?? '',
    maxVoltage: c.maxVoltage === null ? '' : String(c.maxVoltage),
    maxAmperage: c.maxAmperage === null ? '' : String(c.maxAmperage),
    cardTerminal: c.cardTerminal,
    disabled: c.disabled,
  };
}

export function valuesOfConnectorForm(body: unknown): ConnectorValues {
  const f = (name: string) => formField(body, name);
  return { type: f('type'), power: f('power'), standard: f('standard'), format: f('format'), powerType: f('powerType'), maxVoltage: f('maxVoltage'), maxAmperage: f('maxAmperage'), cardTerminal: f('cardTerminal') === 'on', disabled: f('disabled') === 'on' };
}

/**
 * The form as a change: the feed data fields the operator changed, and no
 * other, so a new type or power brings its own (the core's rule) unless the
 * operator set that field too; the old type's standard still selected in the
 * form is not a choice.
 */
export function changeOf(v: ConnectorValues, now: Connector, t: Messages): { ok: true; change: ConnectorChange } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!(CONNECTOR_TYPES as readonly string[]).includes(v.type)) errors.type = t.stations.chooseType;
  const maxPowerW = parseKw(v.power);
  if (maxPowerW === undefined) errors.power = t.stations.badPower;
  const whole = (name: 'maxVoltage' | 'maxAmperage', min: number, max: number): number | null | undefined => {
    if (v[name] === '') return null;
    if (/^\d{1,5}$/.test(v[name])) return Number(v[name]);
    errors[name] = t.feeds.connectorError({ field: name, code: 'out_of_range', min, max });
    return undefined;
  };
  const given = { standard: v.standard || null, format: v.format || null, powerType: v.powerType || null, maxVoltage: whole('maxVoltage', 50, 1500), maxAmperage: whole('maxAmperage', 1, 1000) };
  if (Object.keys(errors).length > 0 || maxPowerW === undefined) return { ok: false, errors };
  const stored = valuesOfConnector(now);
  const data = DATA.filter((f) => v[f] !== stored[f]);
  return { ok: true, change: { type: v.type, maxPowerW, cardTerminal: v.cardTerminal, disabled: v.disabled, ...Object.fromEntries(data.map((f) => [f, given[f]])) } };
}

export function connectorFormErrors(errors: readonly ConnectorDataError[], t: Messages): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) out[e.field === 'maxPowerW' ? 'power' : e.field] ??= t.feeds.connectorError(e);
  return out;
}

function select(name: string, label: string, id: string, options: ReadonlyArray<readonly [string, string]>, selected: string, errors: FieldErrors): SafeHtml {
  const known = options.some(([value]) => value === selected) || selected === '' ? options : [...options, [selected, selected] as const];
  return html`<label>${label} <select name="${name}" id="${name}-${id}">${known.map(
    ([value, text]) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${text}</option>`,
  )}</select>${errors[name] && html`<span class="field-error">${errors[name]}</span>`}</label>`;
}

export function connectorRow(c: Connector, csrf: string, t: Messages, typed?: { values: ConnectorValues; errors: FieldErrors }): SafeHtml {
  const m = t.stations;
  const f = t.feeds;
  const v = typed?.values ?? valuesOfConnector(c);
  const errors = typed?.errors ?? {};
  const choices = choicesFor(c.type);
  const none = ['', f.notKnown] as const;
  return html`<tr><td>${c.connectorNo}</td><td class="mono">${c.code}</td><td>${t.live.connectorStatus[c.status]}</td>
<td><form class="actions" method="post" action="/console/connectors/${encodeURIComponent(c.id)}" aria-label="${m.connectorLabel(c.code)}">${csrfField(csrf)}
${typeSelect('type', v.type, errors, t)}
${field({ name: 'power', label: m.maxKw, value: v.power, errors, id: `power-${c.id}` })}
${select('standard', f.standard, c.id, [none, ...choices.standards.map((s) => [s, s] as const)], v.standard, errors)}
${select('format', f.format, c.id, [none, ...CONNECTOR_FORMATS.map((x) => [x, f.formats[x]] as const)], v.format, errors)}
${select('powerType', f.powerType, c.id, [none, ...choices.powerTypes.map((p) => [p, f.powerTypes[p]] as const)], v.powerType, errors)}
${field({ name: 'maxVoltage', label: f.maxVoltage, value: v.maxVoltage, errors, id: `maxVoltage-${c.id}`, attrs: html` inputmode="numeric" size="5"` })}
${field({ name: 'maxAmperage', label: f.maxAmperage, value: v.maxAmperage, errors, id: `maxAmperage-${c.id}`, attrs: html` inputmode="numeric" size="5"` })}
<label class="check"><input type="checkbox" name="cardTerminal"${v.cardTerminal ? html` checked` : ''}> ${f.cardTerminal}</label>
<label class="check"><input type="checkbox" name="disabled"${v.disabled ? html` checked` : ''}> ${m.disabledConnector}</label>
<button type="submit" class="secondary">${t.common.save}</button></form>
<p class="muted">${f.evseId}: <span class="mono">${c.evseId ?? f.evseIdLater}</span></p></td></tr>`;
}
