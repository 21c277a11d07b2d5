import { ROLES, type Role } from '../../../core/operator-role.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Messages } from './i18n/messages.ts';

export function roleSelect(t: Messages, name: string, selected: Role, label = t.roles.role, id?: string): SafeHtml {
  return html`<label${id ? html` for="${id}"` : ''}>${label} <select name="${name}"${id ? html` id="${id}"` : ''}>${ROLES.map(
    (r) => html`<option value="${r}"${r === selected ? html` selected` : ''}>${t.layout.role[r]}</option>`,
  )}</select></label>`;
}

export function roleLegend(t: Messages): SafeHtml {
  return html`<dl class="facts">${ROLES.map((r) => html`<dt>${t.layout.role[r]}</dt><dd>${t.roles.meaning[r]}</dd>`)}</dl>`;
}
