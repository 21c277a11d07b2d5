import { randomBytes } from 'node:crypto';

// Generated passwords are read off a screen and typed into a station's set-up
// page or a login form: upper-case letters and digits without the look-alikes
// (no 0/O, 1/I; lower case, with its l, is left out altogether). 32 symbols,
// so each is exactly 5 bits and 20 random bytes are 32 characters.
export const READABLE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

// Bytes → symbols, 5 bits each, most significant first (base32 with our alphabet).
export function encodeReadable(bytes: Buffer): string {
  let out = '';
  let value = 0;
  let bits = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += READABLE_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += READABLE_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

// The bytes a text of whole bytes encodes (a length that is a multiple of 8
// symbols); undefined when it is not such a text.
export function decodeReadable(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 8 !== 0) return undefined;
  const out: number[] = [];
  let value = 0;
  let bits = 0;
  for (const c of text) {
    const v = READABLE_ALPHABET.indexOf(c);
    if (v === -1) return undefined;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// A console user's generated password: 15 random bytes (120 bits) as 24
// symbols in groups of four, "7KQ2-M9XD-…", easy to read out and type.
export function generateUserPassword(random: (size: number) => Buffer = randomBytes): string {
  return encodeReadable(random(15)).match(/.{4}/g)?.join('-') ?? '';
}
