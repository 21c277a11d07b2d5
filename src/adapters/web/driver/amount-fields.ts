import type { LandingView } from '../../../usecases/ports/driver-views.ts';
import { formatNokShort } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Messages } from './i18n/messages.ts';
import type { StartFormInput } from './start-form.ts';

// The maximum amount: the operator's presets as radio buttons (the default
// preselected), and a typed amount within the limits.
export function amountFields(t: Messages, amounts: LandingView['amounts'], input: StartFormInput | undefined, problem: string | undefined): SafeHtml {
  const selected = input?.amount ?? (input?.custom ? 'custom' : String(amounts.defaultOre));
  const invalid = problem ? html` aria-invalid="true"` : '';
  const presets = amounts.presetsOre.map(
    (ore) => html`<label class="choice"><input type="radio" name="amount" value="${ore}"${selected === String(ore) ? html` checked` : ''}${invalid}> ${formatNokShort(ore)}</label>`,
  );
  const customChecked = selected === 'custom';
  return html`<fieldset id="amounts" class="amounts${problem ? ' invalid' : ''}" aria-describedby="amount-note${problem ? ' amount-problem' : ''}">
<legend>${t.amountLegend}</legend>
<p class="note" id="amount-note">${t.amountReleased}</p>
${problem && html`<p class="problem" id="amount-problem">${problem}</p>`}
<div class="choices">
${presets}
<label class="choice"><input type="radio" name="amount" value="custom" id="amount-custom"${customChecked ? html` checked` : ''}${invalid}> ${t.amountOther}</label>
</div>
<div class="field custom">
<label for="custom">${t.amountOtherLabel(formatNokShort(amounts.minOre), formatNokShort(amounts.maxOre))}</label>
<input type="text" id="custom" name="custom" inputmode="decimal" autocomplete="off" maxlength="10" value="${input?.custom ?? ''}"${customChecked && problem ? html` aria-invalid="true" aria-describedby="amount-problem"` : ''}>
</div>
<p class="note">${t.amountStopsAtMax}</p>
</fieldset>`;
}
