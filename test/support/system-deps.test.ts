import { describe, expect, it } from 'vitest';
import { skipUnlessPresent, systemDependency, type Surroundings } from './system-deps.ts';

// A made-up machine: these executables and this environment, nothing else.
function machine(executables: string[], env: Record<string, string> = {}): Surroundings & { lines: string[] } {
  const lines: string[] = [];
  return { env, isExecutable: (p) => executables.includes(p), stderr: (l) => lines.push(l), lines };
}

describe('systemDependency', () => {
  it.each([
    ['chromium', 'at its Debian path', machine(['/usr/bin/chromium']), true, 'at /usr/bin/chromium'],
    ['chromium', 'only elsewhere on PATH', machine(['/usr/local/bin/chromium'], { PATH: '/usr/local/bin' }), false, 'not found at /usr/bin/chromium'],
    ['haproxy', 'on PATH', machine(['/opt/hap/bin/haproxy'], { PATH: '/usr/bin:/opt/hap/bin' }), true, 'at /opt/hap/bin/haproxy'],
    ['haproxy', 'in /usr/sbin, off PATH', machine(['/usr/sbin/haproxy'], { PATH: '/usr/bin' }), true, 'at /usr/sbin/haproxy'],
    ['haproxy', 'nowhere', machine([], { PATH: '/usr/bin:/bin' }), false, 'not found on PATH or at /usr/sbin/haproxy'],
    ['haproxy', 'with no PATH', machine([]), false, 'not found on PATH or at /usr/sbin/haproxy'],
    ['postgresql', 'postgres://', machine([], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5433/postgres' }), true, 'DATABASE_URL is a postgres:// URL'],
    ['postgresql', 'postgresql://', machine([], { DATABASE_URL: 'postgresql://db/ladepay' }), true, 'DATABASE_URL is a postgres:// URL'],
    ['postgresql', 'sqlite:', machine([], { DATABASE_URL: 'sqlite:/tmp/x.db' }), false, 'DATABASE_URL is not a postgres:// URL'],
    ['postgresql', 'no DATABASE_URL', machine([]), false, 'DATABASE_URL is not a postgres:// URL'],
  ] as const)('%s, %s', (name, _case, around, present, why) => {
    expect(systemDependency(name, around)).toMatchObject({ present, why });
  });

  it('finds the first haproxy on PATH, in PATH order', () => {
    const around = machine(['/b/haproxy', '/a/haproxy', '/usr/sbin/haproxy'], { PATH: '/a:/b' });
    expect(systemDependency('haproxy', around).path).toBe('/a/haproxy');
  });
});

describe('skipUnlessPresent', () => {
  it('runs the tests, silently, when the dependency is there', () => {
    const around = machine(['/usr/bin/chromium']);
    expect(skipUnlessPresent('chromium', 'the driver pages', around)).toBe(false);
    expect(around.lines).toEqual([]);
  });

  it('skips with one line naming the tests, the dependency and how to install it', () => {
    const around = machine([], { PATH: '/usr/bin' });
    expect(skipUnlessPresent('haproxy', 'the cluster tests', around)).toBe(true);
    expect(around.lines).toEqual([
      'skipped: the cluster tests needs HAProxy (not found on PATH or at /usr/sbin/haproxy); install it with: apt-get install haproxy',
    ]);
  });

  it('fails instead when LADEPAY_REQUIRE_SYSTEM_DEPS=1', () => {
    const around = machine([], { LADEPAY_REQUIRE_SYSTEM_DEPS: '1' });
    expect(() => skipUnlessPresent('chromium', 'the driver pages', around)).toThrow(
      'the driver pages needs Chromium (not found at /usr/bin/chromium), and LADEPAY_REQUIRE_SYSTEM_DEPS=1 forbids skipping it; install it with: apt-get install chromium',
    );
    expect(around.lines).toEqual([]);
  });

  it('requires nothing when the dependency is there and LADEPAY_REQUIRE_SYSTEM_DEPS=1', () => {
    expect(skipUnlessPresent('haproxy', 'the cluster tests', machine(['/usr/sbin/haproxy'], { LADEPAY_REQUIRE_SYSTEM_DEPS: '1' }))).toBe(false);
  });

  it('only skips, even when required, for want of PostgreSQL: a run on SQLite is chosen', () => {
    const around = machine([], { LADEPAY_REQUIRE_SYSTEM_DEPS: '1' });
    expect(skipUnlessPresent('postgresql', 'the cluster tests', around)).toBe(true);
    expect(around.lines).toEqual([
      'skipped: the cluster tests needs PostgreSQL (DATABASE_URL is not a postgres:// URL); install it with: apt-get install postgresql, then set DATABASE_URL=postgres://…',
    ]);
  });

  it('takes any other value of LADEPAY_REQUIRE_SYSTEM_DEPS as not set', () => {
    const around = machine([], { LADEPAY_REQUIRE_SYSTEM_DEPS: '0' });
    expect(skipUnlessPresent('chromium', 'the driver pages', around)).toBe(true);
    expect(around.lines).toHaveLength(1);
  });
});
