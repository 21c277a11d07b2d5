import { createHmac, timingSafeEqual } from 'node:crypto';

// The stop form's hidden value: an HMAC of the session token under a server
// key. A page on another site cannot know it even if it learns nothing else,
// and since it is derived, nothing needs storing per session.
export function stopCheckValue(key: Uint8Array, token: string): string {
  return createHmac('sha256', key).update(`stop:${token}`).digest('base64url');
}

export function isValidStopCheck(key: Uint8Array, token: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const expected = Buffer.from(stopCheckValue(key, token));
  const given = Buffer.from(value);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
