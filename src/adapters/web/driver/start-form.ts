import { checkAmount, type AmountOffer } from '../../../core/amount-offer.ts';
import type { LandingView } from '../../../usecases/ports/driver-views.ts';
import { formatNokShort, parseKroner } from '../format-nok.ts';
import type { Messages } from './i18n/messages.ts';

// The landing page's form, as posted: `amount` is a preset in øre or
// "custom", `custom` the typed kroner, `method` the button pressed.
export interface StartFormInput {
  amount?: string;
  custom?: string;
  method?: string;
  terms?: string;
}

export interface StartFormProblems {
  amount?: string;
  terms?: string;
  method?: string;
}

export type StartFormResult =
  | { ok: true; maxAmountOre: number; method: 'WALLET' | 'CARD' }
  | { ok: false; problems: StartFormProblems };

function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.slice(0, 100) : undefined;
}

export function readStartForm(body: unknown): StartFormInput {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const input: StartFormInput = {};
  for (const name of ['amount', 'custom', 'method', 'terms'] as const) {
    const value = field(record, name);
    if (value !== undefined) input[name] = value;
  }
  return input;
}

function chosenAmount(input: StartFormInput, offer: AmountOffer | undefined, t: Messages): { ore: number } | { problem: string } {
  if (!offer) return { problem: t.amountMissing };
  const custom = input.custom?.trim() ?? '';
  // Without scripts nothing ticks "Other amount" when the driver types one: a typed amount with no choice made counts.
  const useCustom = input.amount === 'custom' || (input.amount === undefined && custom !== '');
  if (useCustom) {
    if (custom === '') return { problem: t.amountMissing };
    const ore = parseKroner(custom);
    if (ore === undefined) return { problem: t.amountNotANumber };
    // The same rule the start applies (src/core/amount-offer.ts).
    switch (checkAmount(offer, ore)) {
      case 'not_whole_kroner':
        return { problem: t.amountNotWholeKroner };
      case 'too_low':
        return { problem: t.amountTooLow(formatNokShort(offer.minOre)) };
      case 'too_high':
        return { problem: t.amountTooHigh(formatNokShort(offer.maxOre)) };
      case 'ok':
        return { ore };
    }
  }
  if (input.amount === undefined || input.amount === '') return { problem: t.amountMissing };
  const preset = /^\d{1,9}$/.test(input.amount) ? Number(input.amount) : NaN;
  if (!offer.presets.some((p) => p.ore === preset)) return { problem: t.amountMissing };
  return { ore: preset };
}

export function checkStartForm(input: StartFormInput, landing: LandingView, t: Messages): StartFormResult {
  const problems: StartFormProblems = {};
  const amount = chosenAmount(input, landing.amounts, t);
  if ('problem' in amount) problems.amount = amount.problem;
  if (input.terms !== 'yes') problems.terms = t.termsRequired;
  const method = input.method === 'CARD' && landing.cardPayments ? 'CARD' : input.method === 'WALLET' || input.method === undefined ? 'WALLET' : undefined;
  if (method === undefined) problems.method = t.methodInvalid;
  if ('ore' in amount && method !== undefined && Object.keys(problems).length === 0) {
    return { ok: true, maxAmountOre: amount.ore, method };
  }
  return { ok: false, problems };
}
