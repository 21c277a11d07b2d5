import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Passwords (operator users, station Basic-auth secrets) are stored as
// "scrypt$N$r$p$<salt b64>$<hash b64>". scrypt is Node's own, maintained with
// OpenSSL, so no native add-on is needed. Parameters are kept in the string so
// they can be raised later without breaking stored hashes.
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  // Station secrets are stored as a salted HMAC (see station-secret.ts).
  if (/^hmac-sha256(-strong)?\$/.test(stored)) return verifyFastSecret(password, stored);
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, 'base64');
  const key = await derive(password, Buffer.from(saltB64, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function verifyFastSecret(secret: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 3 || (parts[0] !== 'hmac-sha256' && parts[0] !== 'hmac-sha256-strong')) return false;
  const expected = Buffer.from(parts[2] as string, 'base64');
  const digest = createHmac('sha256', Buffer.from(parts[1] as string, 'base64')).update(secret, 'utf8').digest();
  return digest.length === expected.length && timingSafeEqual(digest, expected);
}
