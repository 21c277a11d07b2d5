import type { AmountOffer } from '../../../core/amount-offer.ts';
import type { LandingView } from '../../../usecases/ports/driver-views.ts';
import { formatKwRated } from '../format-nok.ts';
import { html, safeHref, type SafeHtml } from '../html.ts';
import { amountFields, amountNotes } from './amount-fields.ts';
import type { Messages } from './i18n/messages.ts';
import { layout } from './layout.ts';
import type { PageContext } from './page-context.ts';
import { idleFeeNote, priceList } from './price-list.ts';
import type { StartFormInput, StartFormProblems } from './start-form.ts';

export interface LandingPageState {
  input?: StartFormInput;
  problems?: StartFormProblems;
  // A refusal from the payment start, shown above the form.
  notice?: string;
}

// As drivers know the plugs: "Type2" is written "Type 2".
function connectorTypeName(type: string): string {
  const spaced = /^Type(\d)$/i.exec(type);
  return spaced ? `Type ${spaced[1]}` : type;
}

// 160 → "2:40"
function minutesSeconds(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function cannotStartText(t: Messages, view: LandingView): string {
  switch (view.status) {
    case 'offline':
    case 'faulted':
    case 'unavailable':
      return t.cannotStart[view.status];
    case 'awaiting_payment':
      return t.heldForPayment(minutesSeconds(view.heldForSeconds ?? 0));
    case 'available':
    case 'car_connected':
      // Free, but no amount buys a useful charge at this price.
      return t.cannotStart.unavailable;
    default:
      return t.cannotStart.occupied;
  }
}

// "Use another connector": the site's others, each with its status and a link to its own page.
function otherConnectorList(t: Messages, view: LandingView): SafeHtml | undefined {
  if (view.otherConnectors.length === 0) return undefined;
  const items = view.otherConnectors.map(
    (o) =>
      html`<li><a href="/c/${o.code}">${o.stationName} · ${t.connectorLine(o.connectorNo, connectorTypeName(o.connectorType), formatKwRated(o.maxPowerW))}</a> <span class="status status-${o.status}"><strong>${t.status[o.status]}</strong></span></li>`,
  );
  return html`<section class="others" aria-labelledby="others-heading"><h2 id="others-heading">${t.otherConnectorsHeading}</h2><ul>${items}</ul></section>`;
}

function errorSummary(t: Messages, problems: StartFormProblems): SafeHtml {
  const items = [
    problems.amount && html`<li><a href="#amounts">${problems.amount}</a></li>`,
    problems.terms && html`<li><a href="#terms">${problems.terms}</a></li>`,
    problems.method && html`<li>${problems.method}</li>`,
  ];
  return html`<div class="alert" role="alert" tabindex="-1" id="problems"><p>${t.errorSummary}</p><ul>${items}</ul></div>`;
}

function termsField(t: Messages, termsUrl: string, state: LandingPageState): SafeHtml {
  const problem = state.problems?.terms;
  const checked = state.input?.terms === 'yes';
  return html`<div class="field terms${problem ? ' invalid' : ''}">
${problem && html`<p class="problem" id="terms-problem">${problem}</p>`}
<input type="checkbox" id="terms" name="terms" value="yes" required${checked ? html` checked` : ''}${problem ? html` aria-invalid="true" aria-describedby="terms-problem"` : ''}>
<label for="terms">${t.termsAcceptBefore}<a href="${safeHref(termsUrl)}">${t.termsAcceptLink}</a>${t.termsAcceptAfter}</label>
</div>`;
}

function paymentForm(ctx: PageContext, view: LandingView, offer: AmountOffer, state: LandingPageState): SafeHtml {
  const { t } = ctx;
  return html`<form class="pay" method="post" action="/c/${view.connectorCode}/start">
${amountFields(t, offer, view.energyAtFullPowerOnly, state.input, state.problems?.amount)}
${termsField(t, view.termsUrl, state)}
<button class="button vipps" type="submit" name="method" value="WALLET">${t.payWith} <span class="vipps-word">Vipps</span></button>
${view.cardPayments && html`<button class="button secondary" type="submit" name="method" value="CARD">${t.payWithCard}</button>`}
</form>
<section class="notes" aria-label="${t.amountLegend}">
${amountNotes(t, offer, view.energyAtFullPowerOnly)}
${idleFeeNote(t, view.tariff)}
</section>`;
}

export function landingPage(ctx: PageContext, view: LandingView, state: LandingPageState = {}): string {
  const { t } = ctx;
  const problems = state.problems && Object.keys(state.problems).length > 0 ? state.problems : undefined;
  const main = html`<h1>${t.landingTitle(view.stationName)}</h1>
<p class="place">${view.siteName}<br>${view.siteAddress}</p>
<p class="connector">${t.connectorLine(view.connectorNo, connectorTypeName(view.connectorType), formatKwRated(view.maxPowerW))}<br><span class="status status-${view.status}">${t.statusLabel}: <strong>${t.status[view.status]}</strong></span></p>
${state.notice && html`<div class="alert" role="alert"><p>${state.notice}</p></div>`}
${!view.canStart && html`<div class="notice" role="status"><p>${cannotStartText(t, view)}</p></div>`}
${!view.canStart && otherConnectorList(t, view)}
${problems && errorSummary(t, problems)}
${priceList(t, view.tariff, view.schedule)}
${view.canStart && view.amounts && paymentForm(ctx, view, view.amounts, { ...state, ...(problems ? { problems } : {}) })}`;
  return layout(ctx, { title: t.landingTitle(view.stationName), main, script: view.canStart, termsUrl: view.termsUrl });
}
