import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CHROMIUM_PATH } from '../browser/browser.ts';

// The programs some tests need beside Node and npm. Without one, its tests are
// skipped with one line saying which and how to install it; CI sets
// LADEPAY_REQUIRE_SYSTEM_DEPS=1, so there a missing program fails the file
// instead (docs/testing.md).
export type SystemDependencyName = 'chromium' | 'haproxy' | 'postgresql';

export interface SystemDependency {
  present: boolean;
  why: string; // where it was found, or where it was looked for
  install: string;
  path?: string; // the executable, when there is one
}

// What the checks look at: this machine, or a made-up one in their own test.
export interface Surroundings {
  env: Readonly<Record<string, string | undefined>>;
  isExecutable(path: string): boolean;
  stderr(line: string): void;
}

export const thisMachine: Surroundings = {
  env: process.env,
  isExecutable(path) {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  stderr: (line) => process.stderr.write(`${line}\n`),
};

const HAPROXY_FALLBACK = '/usr/sbin/haproxy'; // Debian's place, not on a normal user's PATH

const LABEL: Record<SystemDependencyName, string> = { chromium: 'Chromium', haproxy: 'HAProxy', postgresql: 'PostgreSQL' };

export function systemDependency(name: SystemDependencyName, around: Surroundings = thisMachine): SystemDependency {
  switch (name) {
    case 'chromium': {
      const present = around.isExecutable(CHROMIUM_PATH);
      return { present, why: `${present ? 'at' : 'not found at'} ${CHROMIUM_PATH}`, install: 'apt-get install chromium', ...(present && { path: CHROMIUM_PATH }) };
    }
    case 'haproxy': {
      const dirs = (around.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
      const path = [...dirs.map((d) => join(d, 'haproxy')), HAPROXY_FALLBACK].find((p) => around.isExecutable(p));
      return { present: path !== undefined, why: path ? `at ${path}` : `not found on PATH or at ${HAPROXY_FALLBACK}`, install: 'apt-get install haproxy', ...(path && { path }) };
    }
    case 'postgresql': {
      const present = /^postgres(ql)?:\/\//.test(around.env.DATABASE_URL ?? '');
      return {
        present,
        why: present ? 'DATABASE_URL is a postgres:// URL' : 'DATABASE_URL is not a postgres:// URL',
        install: 'apt-get install postgresql, then set DATABASE_URL=postgres://…',
      };
    }
    default: {
      const unknown: never = name;
      throw new Error(`unknown system dependency ${String(unknown)}`);
    }
  }
}

// For `describe.skipIf(skipUnlessPresent('haproxy', 'the cluster tests'))`:
// true (skip) when the dependency is missing, after saying so on stderr.
// PostgreSQL is never required: CI runs the suite once on SQLite on purpose,
// so there a missing DATABASE_URL is the run's choice, not a gap in the machine.
export function skipUnlessPresent(name: SystemDependencyName, what: string, around: Surroundings = thisMachine): boolean {
  const dep = systemDependency(name, around);
  if (dep.present) return false;
  if (around.env.LADEPAY_REQUIRE_SYSTEM_DEPS === '1' && name !== 'postgresql') {
    throw new Error(`${what} needs ${LABEL[name]} (${dep.why}), and LADEPAY_REQUIRE_SYSTEM_DEPS=1 forbids skipping it; install it with: ${dep.install}`);
  }
  around.stderr(`skipped: ${what} needs ${LABEL[name]} (${dep.why}); install it with: ${dep.install}`);
  return true;
}
