const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function parse(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** Deviation from Vipps (documented): plain http is accepted for loopback hosts so everything runs on one machine. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** ePayment returnUrl/receiptUrl: `https://` or a custom app scheme (docs/vipps-contract.md §5), plus loopback http. */
export function isAcceptedAppUrl(value: string): boolean {
  const url = parse(value);
  if (!url) return false;
  if (url.protocol === 'https:') return url.hostname !== '';
  if (url.protocol === 'http:') return isLoopbackHttp(url);
  return !['javascript:', 'data:', 'file:', 'ftp:', 'ws:', 'wss:'].includes(url.protocol);
}

/** Webhook receivers: HTTPS (docs/vipps-contract.md §14), plus loopback http. */
export function isAcceptedWebhookUrl(value: string): boolean {
  const url = parse(value);
  return url !== null && (url.protocol === 'https:' || isLoopbackHttp(url)) && url.username === '' && url.password === '';
}

/** QR merchant redirect target: HTTPS only, by the spec's own pattern (docs/vipps-contract.md §18); no exception for loopback. */
export const QR_REDIRECT_URL = /^https:\/\/[\w.]+([\w#!:.?+=&%@\-/]+)?$/;

/** An absolute URI, as `format: uri` in the OM spec. */
export function isAbsoluteUri(value: string): boolean {
  return parse(value) !== null;
}
