import { ROLES, type Role } from '../../../core/operator-role.ts';
import { html, type SafeHtml } from '../html.ts';

export const ROLE_MEANING: Record<Role, string> = {
  viewer: 'reads everything and downloads the CSV, changes nothing',
  operator: 'also stops, settles, refunds, sends station commands and sets up sites, stations and prices',
  owner: 'also manages users and API tokens and reads the audit log',
};

export function roleSelect(name: string, selected: Role, label = 'Role', id?: string): SafeHtml {
  return html`<label${id ? html` for="${id}"` : ''}>${label} <select name="${name}"${id ? html` id="${id}"` : ''}>${ROLES.map(
    (r) => html`<option value="${r}"${r === selected ? html` selected` : ''}>${r}</option>`,
  )}</select></label>`;
}

export function roleLegend(): SafeHtml {
  return html`<dl class="facts">${ROLES.map((r) => html`<dt>${r}</dt><dd>${ROLE_MEANING[r]}</dd>`)}</dl>`;
}
