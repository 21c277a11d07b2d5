import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresLink, type ClusterLink } from '../../src/adapters/cluster/cluster-link.ts';
import { eventually } from '../support/eventually.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const WHAT = 'test/cluster/cluster-link.test.ts';
const quiet = pino({ level: 'silent' });

// What nodes tell each other and the jobs' locks, over a real PostgreSQL.
describe.skipIf(skipUnlessPresent('postgresql', WHAT))('the link between nodes', () => {
  let database: TestDatabase;
  let other: TestDatabase;
  const links: ClusterLink[] = [];
  const open = async (db: TestDatabase, node: string) => {
    const link = await postgresLink(db.databaseUrl, node, quiet);
    links.push(link);
    return link;
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    other = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await Promise.all(links.map((l) => l.close()));
    await database?.drop();
    await other?.drop();
  });

  it('runs a job on one node at a time, and on another once that node is gone', async () => {
    const [a, b] = [await open(database, 'a'), await open(database, 'b')];
    expect(await a.holdLock('reconcile')).toBe(true);
    expect(await a.holdLock('reconcile')).toBe(true); // kept, not taken twice
    expect(await b.holdLock('reconcile')).toBe(false);
    expect(await b.holdLock('alerts')).toBe(true); // another job, another lock
    await a.close(); // the node dies: its connection, and with it the lock, goes
    await eventually(() => b.holdLock('reconcile'), 'b takes the job over');
  });

  it('tells every node of the same database, and none of another', async () => {
    const [a, b, stranger] = [await open(database, 'a2'), await open(database, 'b2'), await open(other, 'c')];
    const heard: string[] = [];
    b.on('session', (p) => heard.push(`b ${p}`));
    stranger.on('session', (p) => heard.push(`stranger ${p}`));
    expect(await stranger.holdLock('reconcile')).toBe(true); // its own database's lock, not ours
    a.publish('session', 'a2 s-1');
    await eventually(() => heard.includes('b a2 s-1'), 'b hears a');
    a.publish('session', 'a2 s-2');
    await eventually(() => heard.includes('b a2 s-2'), 'b hears a again');
    expect(heard.filter((h) => h.startsWith('stranger'))).toEqual([]);
  });
});
