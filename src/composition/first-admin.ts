import type { Config } from '../config.ts';
import { hashPassword } from '../adapters/security/password-hash.ts';
import { UserStore } from '../adapters/storage/user-store.ts';
import type { Storage } from './storage.ts';

// The first owner from the environment: made only while there is no user at
// all, so a restart with the same settings changes nothing.
export async function bootstrapFirstAdmin(config: Config, storage: Storage, now: () => Date): Promise<void> {
  if (!config.admin) return;
  const users = new UserStore(storage.database.db);
  if ((await users.count()) > 0) return;
  await users.createFirst({ email: config.admin.email, passwordHash: await hashPassword(config.admin.password) }, now());
}
