// A form post must come from our own pages. Browsers send Origin on a
// cross-site POST; Referer is the fallback (same-origin referrer policy keeps
// it for our pages). Neither present → decided by the form's own check value.
export function isSameOriginPost(
  headers: { origin?: string | undefined; referer?: string | undefined },
  allowedOrigins: readonly string[],
): boolean {
  if (headers.origin !== undefined) return allowedOrigins.includes(headers.origin);
  if (headers.referer !== undefined) {
    try {
      return allowedOrigins.includes(new URL(headers.referer).origin);
    } catch {
      return false;
    }
  }
  return true;
}

export function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
