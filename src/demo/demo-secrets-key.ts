import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { secretsKeyBytes } from '../config.ts';

// The demo's SECRETS_KEY when none is set: made at the first start and kept
// beside the SQLite file (data/secrets.key, readable by this user only), so
// `npm start` works again after a restart without anything to copy. It keeps
// a copy of the database file alone from showing the secrets, not a copy of
// the whole folder: a real deployment sets SECRETS_KEY.
export function demoSecretsKey(sqlitePath: string): { key: Buffer; path: string; made: boolean } {
  const path = join(dirname(sqlitePath), 'secrets.key');
  mkdirSync(dirname(path), { recursive: true });
  let made = false;
  try {
    // 'wx': only if there is none yet, so two first starts cannot make two keys.
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    made = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const key = secretsKeyBytes(readFileSync(path, 'utf8').trim());
  if (!key) throw new Error(`${path} does not hold a key (32 bytes, base64 or hex); remove it to make a new one, or set SECRETS_KEY`);
  return { key, path, made };
}
