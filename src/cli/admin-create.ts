import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { isRole, ROLES } from '../core/operator-role.ts';
import { hashPassword } from '../adapters/security/password-hash.ts';
import { generateUserPassword } from '../adapters/security/readable-secret.ts';
import { UserStore } from '../adapters/storage/user-store.ts';
import { withDatabase } from './with-database.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// `admin create <email> [--password P] [--role R] [--reset]`: an operator who
// can log in to the console, an owner unless --role says otherwise. A
// generated password is printed once. --reset gives an existing operator a new
// password and ends their console sessions.
export async function runAdminCreate(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { password: { type: 'string' }, role: { type: 'string', default: 'owner' }, reset: { type: 'boolean', default: false } } });
  const email = positionals[0];
  const problems: string[] = [];
  if (!email || !EMAIL.test(email)) problems.push('an email address is required');
  if (values.password !== undefined && values.password.length < 10) problems.push('--password must be at least 10 characters');
  const role = values.role;
  if (!isRole(role)) problems.push(`--role must be one of ${ROLES.join(', ')}`);
  if (problems.length > 0 || !email || !isRole(role)) {
    process.stderr.write(`admin create: ${problems.join('; ')}\n`);
    return 2;
  }
  const password = values.password ?? generateUserPassword();
  return withDatabase(config, async ({ db }) => {
    const users = new UserStore(db);
    const passwordHash = await hashPassword(password);
    const existing = await users.byEmail(email);
    if (existing && !values.reset) {
      process.stderr.write(`admin create: a user ${existing.email} exists already (--reset gives it a new password)\n`);
      return 1;
    }
    if (existing) {
      await users.setPasswordHash(existing.id, passwordHash);
      await users.endSessionsOf(existing.id);
    } else if (!(await users.create({ email, passwordHash, role }, new Date()))) {
      process.stderr.write(`admin create: a user ${email} exists already\n`);
      return 1;
    }
    process.stdout.write(`Operator ${email.trim().toLowerCase()} ${existing ? 'has a new password' : `created (${role})`}.\n`);
    process.stdout.write(`Console:  ${config.publicUrl ?? `http://localhost:${config.port}`}/console\n`);
    if (values.password === undefined) process.stdout.write(`Password: ${password}   (shown once)\n`);
    return 0;
  });
}
