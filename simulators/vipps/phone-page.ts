import { escapeHtml } from './html-escape.ts';
import type { Amount, PaymentState } from './payment.ts';

export interface PhonePageInput {
  merchantName: string;
  amount: Amount;
  description?: string;
  reference: string;
  state: PaymentState;
  token: string;
  returnUrl?: string;
}

/** 35000 NOK øre → "350,00 kr" (Norwegian style, no-break space between thousands). */
export function formatKroner(amount: Amount): string {
  const whole = Math.floor(amount.value / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const minor = String(amount.value % 100).padStart(2, '0');
  return amount.currency === 'NOK' ? `${whole},${minor}\u00a0kr` : `${whole},${minor}\u00a0${amount.currency}`;
}

const STATE_TEXT: Record<PaymentState, string> = {
  CREATED: 'Waiting for your approval.',
  AUTHORIZED: 'You approved this payment.',
  ABORTED: 'This payment was stopped.',
  EXPIRED: 'This payment request has expired.',
  TERMINATED: 'The merchant cancelled this payment.',
};

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#ff5b24;color:#1e1e1e}
main{max-width:26rem;margin:0 auto;min-height:100vh;padding:1.5rem 1rem;display:flex;flex-direction:column;gap:1rem}
header{color:#fff;font-weight:700;font-size:1.1rem;letter-spacing:.02em}
.card{background:#fff;border-radius:1rem;padding:1.5rem 1.25rem;box-shadow:0 .25rem 1rem rgba(0,0,0,.15)}
.merchant{font-size:1.1rem;font-weight:600;margin:0}
.amount{font-size:2.25rem;font-weight:700;margin:.75rem 0 .25rem}
.desc{margin:0 0 .5rem;color:#444}.ref{margin:0;color:#767676;font-size:.85rem;word-break:break-all}
.state{margin:1rem 0 0;font-weight:600}
form{margin:0}button{width:100%;font:inherit;font-size:1.1rem;font-weight:700;border:0;border-radius:2rem;padding:1rem;cursor:pointer}
.approve{background:#1e1e1e;color:#fff}.reject{background:#fff;color:#1e1e1e;border:2px solid #1e1e1e}
a{color:#fff;font-weight:600}small{color:#fff;opacity:.85}
`;

/** The simulated Vipps app screen: plain HTML forms, inline CSS, no scripts or external resources. */
export function renderPhonePage(input: PhonePageInput): string {
  const actions =
    input.state === 'CREATED'
      ? `<form method="post" action="/phone/${encodeURIComponent(input.token)}/approve"><button class="approve" type="submit">Approve</button></form>
<form method="post" action="/phone/${encodeURIComponent(input.token)}/reject"><button class="reject" type="submit">Reject</button></form>`
      : input.returnUrl
        ? `<p><a href="${escapeHtml(input.returnUrl)}">Back to ${escapeHtml(input.merchantName)}</a></p>`
        : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pay ${escapeHtml(formatKroner(input.amount))} to ${escapeHtml(input.merchantName)} – Vipps simulator</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>Vipps simulator</header>
<section class="card" aria-labelledby="merchant">
<p class="merchant" id="merchant">${escapeHtml(input.merchantName)}</p>
<p class="amount">${escapeHtml(formatKroner(input.amount))}</p>
${input.description ? `<p class="desc">${escapeHtml(input.description)}</p>` : ''}
<p class="ref">Reference ${escapeHtml(input.reference)}</p>
<p class="state" role="status">${STATE_TEXT[input.state]}</p>
</section>
${actions}
<small>This is a test stand-in for the Vipps app. No money moves.</small>
</main>
</body>
</html>
`;
}

export function renderUnknownPaymentPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Unknown payment – Vipps simulator</title><style>${STYLE}</style></head>
<body><main><header>Vipps simulator</header><section class="card"><p class="merchant">Unknown payment</p>
<p class="desc">This payment link is not valid.</p></section></main></body></html>
`;
}
