import { html, type SafeHtml } from '../html.ts';
import type { Messages } from './i18n/messages.ts';

export type FieldErrors = Record<string, string>;

// A labelled input with its error, tied together for screen readers.
export function field(o: {
  name: string;
  label: string;
  value?: string;
  errors: FieldErrors;
  type?: string;
  hint?: string;
  required?: boolean;
  attrs?: SafeHtml;
  // When the same field appears in several forms on one page.
  id?: string;
}): SafeHtml {
  const id = o.id ?? o.name;
  const error = o.errors[o.name];
  const describedBy = error ? `${id}-error` : o.hint ? `${id}-hint` : undefined;
  return html`<label>${o.label}${o.hint && html` <span class="hint" id="${id}-hint">${o.hint}</span>`}
<input type="${o.type ?? 'text'}" name="${o.name}" id="f-${id}" value="${o.value ?? ''}"${o.required ? html` required` : ''}${
    error ? html` aria-invalid="true"` : ''
  }${describedBy ? html` aria-describedby="${describedBy}"` : ''}${o.attrs ?? ''}>
${error && html`<span class="field-error" id="${id}-error">${error}</span>`}</label>`;
}

export function problemSummary(errors: FieldErrors, t: Messages): string | undefined {
  const n = Object.keys(errors).length;
  return n === 0 ? undefined : t.forms.problemSummary(n);
}
