import type { Logger } from 'pino';
import { ConfigError, secretsKeyBytes, type Config } from './config.ts';
import { SecretBox } from './adapters/security/secret-box.ts';
import { SealedSettings, SecretsKeyError } from './adapters/storage/sealed-settings.ts';
import type { SettingsStore } from './adapters/storage/settings-store.ts';
import { demoSecretsKey } from './demo/demo-secrets-key.ts';

// The secrets among the settings, opened with SECRETS_KEY (in the demo without
// one, the key kept beside the SQLite file). A key that does not open them is
// a configuration error: start-up stops and says so.
export async function openSecrets(config: Config, settings: SettingsStore, logger: Logger, now: () => Date): Promise<SealedSettings> {
  const secrets = new SealedSettings(settings, new SecretBox(secretsKey(config, logger)), now);
  try {
    const { sealedNow } = await secrets.open();
    if (sealedNow > 0) logger.info({ sealed: sealedNow }, 'secrets kept in clear by an earlier version are now sealed with SECRETS_KEY');
  } catch (e) {
    throw e instanceof SecretsKeyError ? new ConfigError([e.message]) : e;
  }
  return secrets;
}

function secretsKey(config: Config, logger: Logger): Buffer {
  const given = config.secretsKey === undefined ? undefined : secretsKeyBytes(config.secretsKey);
  if (given) return given;
  if (config.mode !== 'demo') throw new ConfigError(['SECRETS_KEY is required']);
  const demo = demoSecretsKey(config.sqlitePath);
  if (demo.made) logger.info({ path: demo.path }, 'made a secrets key for the demo; set SECRETS_KEY for a real deployment');
  return demo.key;
}
