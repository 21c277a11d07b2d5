import { SecretBox } from '../security/secret-box.ts';
import type { SettingsStore } from './settings-store.ts';

// Settings rows that hold secrets: server keys (stableSecret) and the Vipps
// webhook registrations with their secrets.
const SECRET_ROWS = ['secret:', 'vipps.webhook:'];
const KEY_CHECK = 'secrets.key-check';
const KEY_CHECK_TEXT = 'ladepay secrets';

export class SecretsKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsKeyError';
  }
}

export function isSecretRow(key: string): boolean {
  return SECRET_ROWS.some((prefix) => key.startsWith(prefix));
}

// The secrets among the settings, sealed with SECRETS_KEY (see SecretBox):
// the database (a copy, a backup, a dump) holds none of them in clear.
export class SealedSettings {
  constructor(
    private readonly settings: SettingsStore,
    private readonly box: SecretBox,
    private readonly now: () => Date,
  ) {}

  // A secret one node hands another through the database (a station's new
  // password in a forwarded command): sealed with the same key, never in clear.
  sealInTransit(plain: string, context: string): string {
    return this.box.seal(plain, context);
  }

  openInTransit(sealed: string, context: string): string | undefined {
    return this.box.open(sealed, context);
  }

  // Once at start: proves the key is the one the database's secrets were
  // sealed with (a wrong key stops start-up rather than making new secrets
  // that would log everyone out and orphan the webhook), then seals any
  // secret an older version left in clear.
  async open(): Promise<{ sealedNow: number }> {
    const mark = `${this.box.keyId} ${this.box.seal(KEY_CHECK_TEXT, KEY_CHECK)}`;
    await this.settings.setIfAbsent(KEY_CHECK, mark, this.now());
    const stored = (await this.settings.get(KEY_CHECK)) ?? mark;
    const [storedId = '?', sealed = ''] = stored.split(' ');
    if (this.box.open(sealed, KEY_CHECK) !== KEY_CHECK_TEXT) {
      throw new SecretsKeyError(
        `SECRETS_KEY (key id ${this.box.keyId}) is not the key this database's secrets were sealed with (key id ${storedId}). Start with that key; without it the webhook secret and server keys cannot be read.`,
      );
    }
    let sealedNow = 0;
    for (const row of await this.settings.all()) {
      if (!isSecretRow(row.key) || SecretBox.isSealed(row.value)) continue;
      await this.settings.set(row.key, this.box.seal(row.value, row.key), this.now());
      sealedNow += 1;
    }
    return { sealedNow };
  }

  async get(key: string): Promise<string | undefined> {
    const raw = await this.settings.get(key);
    if (raw === undefined) return undefined;
    // Written in clear by an older process still running beside this one.
    if (!SecretBox.isSealed(raw)) return raw;
    const plain = this.box.open(raw, key);
    if (plain === undefined) throw new SecretsKeyError(`the secret "${key}" does not open with SECRETS_KEY (key id ${this.box.keyId})`);
    return plain;
  }

  async set(key: string, value: string): Promise<void> {
    await this.settings.set(key, this.box.seal(value, key), this.now());
  }

  // The first writer wins; answers what is stored.
  async setIfAbsent(key: string, value: string): Promise<string> {
    await this.settings.setIfAbsent(key, this.box.seal(value, key), this.now());
    return (await this.get(key)) ?? value;
  }
}
