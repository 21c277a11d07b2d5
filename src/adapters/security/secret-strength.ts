// How strong a hand-picked station password is. Station secrets are kept
// with a fast keyed hash (see station-secret.ts), which only holds for secrets
// no offline search reaches: Ladepay's own are 160 random bits, and a
// password an operator picks must be worth as much (≥ 128 bits) or it is
// refused.
//
// No password-strength library fits: zxcvbn and its ports estimate guesses for
// human passwords and credit a random character with about log2(10) bits, so
// they would rate Ladepay's own secrets below 128 bits. This estimate is the
// cost of describing the password to an attacker who knows the tricks people
// use: each character is worth log2 of the character classes in use, but a
// repeat of an earlier stretch, a run (aaaa, abcd, 4321) or a word-like run of
// letters is charged as one short token. Generated secrets score near their
// true entropy; passphrases, patterns and repeats fall far short.

export const MIN_STATION_PASSWORD_LENGTH = 16;
export const MAX_STATION_PASSWORD_LENGTH = 40;
export const MIN_STATION_PASSWORD_BITS = 128;

// OCPP 2.0.1 Part 2 §2.1.4 passwordString: a-z, A-Z, 0-9 and * - _ = : + | @ .
// (the set A00.FR.205 demands of BasicAuthPassword; OCPP 1.6's security
// whitepaper asks the same of a profile 1/2 password).
const PASSWORD_STRING = /^[A-Za-z0-9*\-_=:+|@.]*$/;
const CLASSES: Array<{ test: RegExp; size: number }> = [
  { test: /[a-z]/, size: 26 },
  { test: /[A-Z]/, size: 26 },
  { test: /[0-9]/, size: 10 },
  { test: /[*\-_=:+|@.]/, size: 9 },
];
// Bits charged for a token the attacker enumerates cheaply.
const WORD_BITS = 13; // a pick from a list of about 8,000 words (as diceware)
const REPEAT_BITS = 8; // where the earlier stretch starts, and how long
const RUN_EXTRA_BITS = 3; // a run: its first character, then step and length
const WORD = /^[A-Z]?[a-z]{3,11}/;
// Letters of a run that must be vowels for it to pass as a word: English words
// run near 40 %, random letters near 23 %.
const WORD_VOWELS = 0.25;

export type StrengthVerdict = { ok: true; bits: number } | { ok: false; bits: number; problem: string };

export const STATION_PASSWORD_RULE =
  `16 to 40 characters from a-z A-Z 0-9 * - _ = : + | @ . and random enough for ${MIN_STATION_PASSWORD_BITS} bits ` +
  '(40 hex digits, as `openssl rand -hex 20` makes, are 160); leave it out and Ladepay makes one';

export function checkStationPassword(password: string): StrengthVerdict {
  const n = password.length;
  if (n < MIN_STATION_PASSWORD_LENGTH || n > MAX_STATION_PASSWORD_LENGTH) {
    return { ok: false, bits: 0, problem: `The password has ${n} characters; it needs ${STATION_PASSWORD_RULE}.` };
  }
  if (!PASSWORD_STRING.test(password)) {
    const bad = [...password].find((c) => !PASSWORD_STRING.test(c));
    return { ok: false, bits: 0, problem: `The password holds "${bad}", which OCPP does not allow; it needs ${STATION_PASSWORD_RULE}.` };
  }
  const bits = Math.floor(estimateBits(password));
  if (bits < MIN_STATION_PASSWORD_BITS) {
    return { ok: false, bits, problem: `The password is too guessable (about ${bits} bits); it needs ${STATION_PASSWORD_RULE}.` };
  }
  return { ok: true, bits };
}

export function estimateBits(password: string): number {
  const pool = CLASSES.filter((c) => c.test.test(password)).reduce((sum, c) => sum + c.size, 0);
  const perChar = Math.log2(Math.max(pool, 2));
  let bits = 0;
  let i = 0;
  while (i < password.length) {
    const rest = password.slice(i);
    const repeat = repeatLength(password, i);
    const run = runLength(rest);
    const word = wordLength(rest);
    const longest = Math.max(repeat, run, word);
    if (longest === 0) {
      bits += perChar;
      i += 1;
    } else if (longest === repeat) {
      bits += Math.min(REPEAT_BITS, repeat * perChar);
      i += repeat;
    } else if (longest === run) {
      bits += perChar + RUN_EXTRA_BITS;
      i += run;
    } else {
      bits += Math.min(WORD_BITS, word * perChar);
      i += word;
    }
  }
  return bits;
}

// A word-like run of lower-case letters (capitalised or not) at the start.
function wordLength(s: string): number {
  const run = WORD.exec(s)?.[0] ?? '';
  if (run.length < 4) return 0;
  const vowels = run.replace(/[^aeiouyAEIOUY]/g, '').length;
  return vowels / run.length >= WORD_VOWELS ? run.length : 0;
}

// The longest stretch (≥ 3) at i that also starts somewhere before i.
function repeatLength(s: string, i: number): number {
  let best = 0;
  for (let k = 3; i + k <= s.length; k++) {
    const at = s.indexOf(s.slice(i, i + k));
    if (at === -1 || at >= i) break;
    best = k;
  }
  return best;
}

// The longest run (≥ 3) of characters one code point apart, or the same.
function runLength(s: string): number {
  if (s.length < 3) return 0;
  const step = s.charCodeAt(1) - s.charCodeAt(0);
  if (Math.abs(step) > 1) return 0;
  let k = 2;
  while (k < s.length && s.charCodeAt(k) - s.charCodeAt(k - 1) === step) k++;
  return k >= 3 ? k : 0;
}
