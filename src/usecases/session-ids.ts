import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export interface SessionIds {
  id: string; // 16 base32 characters (80 bits): keys like capture-<id> stay well under Vipps' 50
  token: string; // 256 bits, the status page's secret
  reference: string; // the Vipps reference, ^[a-zA-Z0-9-]{8,64}$, shown to the driver
  // 20 base32 characters (100 bits), the OCPP 1.6 CiString20 limit. Drawn on
  // its own: a station that knows a session's id or Vipps reference must not
  // be able to work out its tag. Never shown to the driver.
  idTag: string;
}

export function newSessionIds(): SessionIds {
  const id = base32(randomBytes(10));
  return {
    id,
    token: randomBytes(32).toString('base64url'),
    reference: `lp-${id}`,
    idTag: base32(randomBytes(13)).slice(0, 20).toUpperCase(),
  };
}
