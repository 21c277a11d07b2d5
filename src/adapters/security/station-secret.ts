import { createHmac, randomBytes } from 'node:crypto';
import { hashPassword } from './password-hash.ts';

// A station's Basic-auth secret is checked on every WebSocket connect, and a
// whole fleet reconnects at once after an outage. scrypt (~35 ms of CPU each)
// would hold 10 000 stations back for minutes. Secrets Ladepay generates are
// long and random (≥ 128 bits), where a slow hash buys nothing: no dictionary
// reaches them. Those are kept as a salted HMAC-SHA256; a short, hand-picked
// password still gets scrypt.
const FAST_MIN_LENGTH = 16;

export async function hashStationSecret(secret: string): Promise<string> {
  if (secret.length < FAST_MIN_LENGTH) return hashPassword(secret);
  const salt = randomBytes(16);
  const digest = createHmac('sha256', salt).update(secret, 'utf8').digest();
  return `hmac-sha256$${salt.toString('base64')}$${digest.toString('base64')}`;
}
