import type { AmountOffer } from '../../../core/amount-offer.ts';
import { formatKwhWhole, formatNokShort } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Messages } from './i18n/messages.ts';
import type { StartFormInput } from './start-form.ts';

// The maximum amount: the amounts on offer as radio buttons, each with the
// energy it buys (the default preselected), and a typed amount behind
// "Choose another amount" (a <details>, so it opens without scripts). What
// the amounts mean is said under the pay button (amountNotes), so the button
// stays within a phone's first screen.
export function amountFields(
  t: Messages,
  offer: AmountOffer,
  atFullPower: boolean,
  input: StartFormInput | undefined,
  problem: string | undefined,
): SafeHtml {
  const selected = input?.amount ?? (input?.custom ? 'custom' : String(offer.defaultOre));
  const invalid = problem ? html` aria-invalid="true"` : '';
  const presets = offer.presets.map(
    (p) =>
      html`<label class="choice"><input type="radio" name="amount" value="${p.ore}"${selected === String(p.ore) ? html` checked` : ''}${invalid}> <span>${formatNokShort(p.ore)} <span class="buys">${t.amountBuys(formatKwhWhole(p.energyWh))}</span></span></label>`,
  );
  const customChosen = selected === 'custom';
  return html`<fieldset id="amounts" class="amounts${problem ? ' invalid' : ''}"${problem ? html` aria-describedby="amount-problem"` : ''}>
<legend>${t.amountLegend}</legend>
${problem && html`<p class="problem" id="amount-problem">${problem}</p>`}
<div class="choices">
${presets}
</div>
<details class="custom"${customChosen || offer.presets.length === 0 ? html` open` : ''}>
<summary>${t.amountChooseOther}</summary>
<label class="choice"><input type="radio" name="amount" value="custom" id="amount-custom"${customChosen ? html` checked` : ''}${invalid}> ${t.amountOther}</label>
<div class="field">
<label for="custom">${t.amountOtherLabel(formatNokShort(offer.minOre), formatNokShort(offer.maxOre))}</label>
<input type="text" id="custom" name="custom" inputmode="numeric" autocomplete="off" maxlength="10" value="${input?.custom ?? ''}"${customChosen && problem ? html` aria-invalid="true" aria-describedby="amount-problem"` : ''}>
</div>
</details>
</fieldset>`;
}

// What an amount buys and what is kept back of it, in plain sentences.
export function amountNotes(t: Messages, offer: AmountOffer, atFullPower: boolean): SafeHtml {
  return html`<p>${atFullPower ? t.amountBuysAtFullPower : t.amountBuysNote}</p>
${offer.idleReserveOre > 0 && html`<p>${t.amountIdleReserve(formatNokShort(offer.idleReserveOre))}</p>`}
<p>${t.amountReleased}</p>`;
}
