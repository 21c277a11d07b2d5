// Printed on the sticker and typed by hand when a QR code is damaged: no
// 0/O, 1/I/L, so nothing can be misread.
export const CONNECTOR_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

// As typed: any case, with spaces or dashes.
export function normalizeConnectorCode(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, '');
}
