import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoSecretsKey } from './demo-secrets-key.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ladepay-key-'));
  dirs.push(dir);
  return join(dir, 'data');
}

describe('demoSecretsKey', () => {
  it('makes a key beside the SQLite file once, readable by its owner only, and finds the same one after', () => {
    const data = dataDir();
    const first = demoSecretsKey(join(data, 'ladepay.db'));
    expect(first.made).toBe(true);
    expect(first.path).toBe(join(data, 'secrets.key'));
    expect(first.key).toHaveLength(32);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    const again = demoSecretsKey(join(data, 'ladepay.db'));
    expect(again.made).toBe(false);
    expect(again.key.equals(first.key)).toBe(true);
    expect(readFileSync(first.path, 'utf8').trim()).toBe(first.key.toString('base64'));
  });

  it('says so when the file holds no key', () => {
    const data = dataDir();
    demoSecretsKey(join(data, 'ladepay.db'));
    writeFileSync(join(data, 'secrets.key'), 'not a key\n');
    expect(() => demoSecretsKey(join(data, 'ladepay.db'))).toThrow(/secrets\.key does not hold a key/);
  });
});
