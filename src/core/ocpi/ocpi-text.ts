// OCPI 2.2.1 strings have a most length in characters (types: string(n),
// CiString(n)). Ladepay checks what it can where it is entered
// (docs/feed-data.md); a longer free text (a site's name or address, the
// operator's name) is cut to fit rather than refused by a partner.

/** At most `max` characters (code points, so a letter is never split). */
export function cut(text: string, max: number): string {
  const chars = Array.from(text.trim());
  return chars.length <= max ? chars.join('') : chars.slice(0, max).join('').trimEnd();
}

/**
 * The street part of a site's address for OCPI's `address` (string(45),
 * "Street/block name and house number"): Ladepay keeps the whole address in
 * one line ("Tjuvholmen allé 1, 0252 Oslo"), so a trailing postal code and
 * city, which OCPI has fields of their own for, is left off.
 */
export function streetOf(address: string, postalCode: string, city: string): string {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const tail = new RegExp(`[,\\s]+${escape(postalCode)}\\s+${escape(city)}\\s*$`, 'i');
  const street = address.replace(tail, '').trim();
  return cut(street === '' ? address : street, 45);
}

// FNV-1a, 32 bits: a short, stable fingerprint of a text, never a secret.
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A Ladepay id (up to 48 characters) as an OCPI CiString(36): itself when it
 * fits, else its first 27 characters, "-" and a fingerprint of the whole, so
 * it stays the same and tells two long ids with one beginning apart.
 */
export function ocpiId(id: string): string {
  return id.length <= 36 ? id : `${id.slice(0, 27)}-${fnv1a(id)}`;
}
