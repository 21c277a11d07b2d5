import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifyPassword } from './password-hash.ts';
import { checkStationPassword } from './secret-strength.ts';
import { decodeReadable, encodeReadable } from './readable-secret.ts';
import { createSlots } from './slots.ts';

// A station's Basic-auth secret is checked on every WebSocket connect, and a
// whole fleet reconnects at once after an outage: it is kept as a salted
// HMAC-SHA256, which costs microseconds and no thread-pool time. That is only
// safe because every secret is strong: Ladepay's own are 160 random bits, and
// a hand-picked one is refused unless it is worth ≥ 128 (secret-strength.ts).
//
// Stored forms:
//   hmac-sha256-strong$<salt>$<digest>  written now; strength checked first
//   hmac-sha256$<salt>$<digest>         written before strength was checked
//   scrypt$…                            short hand-picked passwords of old
// The last two still verify until the station's password is changed, and
// the console shows them as a weakness.

const STRONG = 'hmac-sha256-strong';
const FAST_FORMS = new Set([STRONG, 'hmac-sha256']);

export type SecretStrength = 'strong' | 'unchecked' | 'weak';

export class WeakStationSecretError extends Error {}

// 20 random bytes (160 bits) as 32 symbols of the readable alphabet (no
// 0/O, 1/I/l to misread when it is typed into a station): a valid OCPP
// passwordString (16–40 characters) as it stands, and, decoded, the 20 octets
// the OCPP 1.6 security whitepaper's AuthorizationKey carries (see
// authorizationKeyOctets). Secrets made before were 40 hex digits; they keep
// working. The strength estimate rates a random draw at 140 bits or more, but
// it is an estimate: a draw it would refuse is drawn again rather than thrown
// at hashStationSecret.
export function generateStationSecret(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const secret = encodeReadable(random(20));
    if (checkStationPassword(secret).ok) return secret;
  }
}

// The octets an OCPP 1.6 station keeps when it is sent this secret as its
// AuthorizationKey (hex-encoded, 16–20 octets), and then presents as its
// Basic-auth password: a generated secret's 20 bytes (readable or, from
// before, hex), otherwise the text's own bytes.
export function authorizationKeyOctets(secret: string): Buffer {
  const readable = secret.length === 32 ? decodeReadable(secret) : undefined;
  if (readable) return readable;
  if (/^[0-9a-f]{32,40}$/i.test(secret) && secret.length % 2 === 0) return Buffer.from(secret, 'hex');
  return Buffer.from(secret, 'utf8');
}

// A generated secret and its hash, for a station made without a password chosen.
export async function generatedStationPassword(): Promise<{ password: string; hash: string }> {
  const password = generateStationSecret();
  return { password, hash: await hashStationSecret(password) };
}

export async function hashStationSecret(secret: string): Promise<string> {
  const verdict = checkStationPassword(secret);
  if (!verdict.ok) throw new WeakStationSecretError(verdict.problem);
  return hmacForm(STRONG, randomBytes(16), Buffer.from(secret, 'utf8'));
}

export function secretStrength(stored: string): SecretStrength {
  const form = stored.split('$', 1)[0];
  return form === STRONG ? 'strong' : form === 'hmac-sha256' ? 'unchecked' : 'weak';
}

// Made once per process and verified whenever the station is unknown (or has
// no second password), so that every refusal runs the same code at the same
// cost: no timing tells which station ids exist.
const DECOY = hmacForm(STRONG, randomBytes(16), randomBytes(20));

// scrypt runs on libuv's thread pool (4 threads by default), which the
// console's logins share. Old scrypt station hashes may take two at most.
const scryptSlots = createSlots(2);

// presented: the password bytes from the Basic-auth header, as sent. A 1.6
// station that took its AuthorizationKey as the whitepaper says sends the
// decoded octets; Ladepay knows the text (readable, or hex from before), so
// the octets are compared in both encodings as well, and for every stored form
// the same three HMACs are computed.
export async function verifyStationSecret(presented: Buffer, stored: string | undefined): Promise<boolean> {
  const target = stored ?? DECOY;
  const [form, saltB64, digestB64] = target.split('$');
  if (form !== undefined && FAST_FORMS.has(form) && saltB64 !== undefined && digestB64 !== undefined) {
    const salt = Buffer.from(saltB64, 'base64');
    const expected = Buffer.from(digestB64, 'base64');
    const octets = presented.length >= 16 && presented.length <= 20;
    const asText = digest(salt, presented);
    const asOctets = digest(salt, octets ? Buffer.from(presented.toString('hex'), 'utf8') : presented);
    const readable = presented.length === 20;
    const asReadable = digest(salt, readable ? Buffer.from(encodeReadable(presented), 'utf8') : presented);
    const match = Number(same(asText, expected)) | Number(same(asOctets, expected) && octets) | Number(same(asReadable, expected) && readable);
    return stored !== undefined && match === 1;
  }
  if (form !== 'scrypt') return false;
  return scryptSlots.run(() => verifyPassword(presented.toString('utf8'), target));
}

function hmacForm(form: string, salt: Buffer, secret: Buffer): string {
  return `${form}$${salt.toString('base64')}$${digest(salt, secret).toString('base64')}`;
}

function digest(salt: Buffer, secret: Buffer): Buffer {
  return createHmac('sha256', salt).update(secret).digest();
}

function same(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
