import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { SettingsStore } from '../../src/adapters/storage/settings-store.ts';
import { buildPublishedSites } from '../../src/composition/feeds.ts';
import { buildOcpiSharing, type OcpiSharing } from '../../src/composition/ocpi-sharing.ts';
import { openSecrets } from '../../src/open-secrets.ts';
import type { TestSystem } from './system.ts';

// The OCPI partners of a running test system, as its operator's commands see
// them: the same database and SECRETS_KEY, Ladepay's own public address.
export async function ocpiSharingOf(sys: TestSystem): Promise<OcpiSharing> {
  const config = loadConfig(sys.env, 'serve');
  const secrets = await openSecrets(config, new SettingsStore(sys.database.db), pino({ level: 'silent' }), () => new Date());
  const now = () => new Date();
  const publicUrl = sys.ladepay.publicUrl;
  return buildOcpiSharing({ config, database: sys.database, secrets, published: buildPublishedSites(config, sys.database.db, publicUrl, now), publicUrl, now });
}
