// Links to the simulated phone. A payment's redirectUrl carries its token as `?token=`, as Vipps'
// landing page links do (`https://landing.vipps.no?token=…` in the ePayment API reference,
// https://developer.vippsmobilepay.com/api/epayment); the older `/phone/<token>` form opens the same page.

export type PhoneButton = 'approve' | 'reject';

/** Path and query of a payment's phone page. */
export function phonePath(token: string): string {
  return `/phone/?token=${encodeURIComponent(token)}`;
}

/** The token in a phone page link of either form (`/phone/?token=…`, `/phone/<token>[/approve]`), or a bare token. */
export function phoneTokenOf(urlOrToken: string): string {
  let url: URL;
  try {
    url = new URL(urlOrToken, 'http://phone.invalid');
  } catch {
    return urlOrToken;
  }
  const query = url.searchParams.get('token');
  if (query !== null) return query;
  const inPath = /^\/phone\/([^/]+)(?:\/(?:approve|reject))?\/?$/.exec(url.pathname);
  if (inPath?.[1]) return decodeURIComponent(inPath[1]);
  return urlOrToken;
}

/**
 * Where the page's Approve or Reject button posts, for a phone page link of either form: the button's
 * name is appended to the path, the query kept (`/phone/?token=t` → `/phone/approve?token=t`).
 */
export function phoneButtonUrl(phoneUrl: string, button: PhoneButton): string {
  const url = new URL(phoneUrl);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/${button}`;
  return url.toString();
}
