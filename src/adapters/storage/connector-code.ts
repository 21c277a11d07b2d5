import { randomInt } from 'node:crypto';

// Printed on the sticker and typed by hand when a QR code is damaged: no
// 0/O, 1/I/L, so nothing can be misread.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newConnectorCode(length = 6): string {
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export function normalizeConnectorCode(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, '');
}
