import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkStationPassword, estimateBits } from './secret-strength.ts';

describe('station password strength', () => {
  it.each([
    ['the old test password', 'station-secret-1'],
    ['the old demo password', 'demo-station-password'],
    ['a six-word passphrase', 'correct-horse-battery-staple-purple-moon'],
    ['a capitalised passphrase', 'CorrectHorseBatteryStaplePurpleMoonRise'],
    ['one character over and over', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    ['runs of the alphabet and digits', 'Abcdefghijklmnop1234567890'],
    ['a repeated block', 'Xy7Q-Xy7Q-Xy7Q-Xy7Q-Xy7Q-Xy7Q-'],
    ['16 random characters (about 98 bits)', 'q7R-x2Lp9ZkW4m@T'],
  ])('refuses %s', (_name, password) => {
    const verdict = checkStationPassword(password);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.problem).toMatch(/too guessable \(about \d+ bits\).*16 to 40 characters/);
  });

  it('refuses a length or a character OCPP does not allow, and says which', () => {
    expect(checkStationPassword('short')).toMatchObject({ ok: false, problem: expect.stringMatching(/has 5 characters/) });
    expect(checkStationPassword('a'.repeat(41))).toMatchObject({ ok: false, problem: expect.stringMatching(/has 41 characters/) });
    const slash = '9f3c2a71e6b84d05c1f7a2e93b6d8c' + '/';
    expect(checkStationPassword(slash)).toMatchObject({ ok: false, problem: expect.stringMatching(/holds "\/"/) });
  });

  it('accepts what `openssl rand -hex 20` makes', () => {
    // 2,000 draws of 20 uniform bytes, the same on every run (a random draw
    // the estimate refused would be drawn again: station-secret.ts).
    for (let i = 0; i < 2000; i++) {
      const password = createHash('sha256').update(`draw ${i}`).digest().subarray(0, 20).toString('hex');
      expect(estimateBits(password), password).toBeGreaterThanOrEqual(128);
    }
  });

  it('accepts 32 random characters of letters and digits', () => {
    expect(checkStationPassword('hT3kP9wQz2LmX7vB4nR8sY6dJ5cF1gAq').ok).toBe(true);
  });
});
