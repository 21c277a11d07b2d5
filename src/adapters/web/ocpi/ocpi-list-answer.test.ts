import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Page } from '../../../usecases/ocpi/ocpi-paging.ts';
import { readListQuery } from '../../../usecases/ocpi/ocpi-paging.ts';
import { sendPage } from './ocpi-list-answer.ts';

const URL = 'https://lade.example/ocpi/2.2.1/locations';

async function answer(query: Record<string, string>, page: Omit<Page<string>, 'offset' | 'limit'>) {
  const q = readListQuery(query, 50);
  if (!q.ok) throw new Error(q.problem);
  const app = Fastify();
  app.get('/', (_request, reply) => sendPage(reply, new Date('2026-03-02T08:00:00Z'), URL, q.query, { ...page, offset: q.query.offset, limit: q.query.limit }));
  const res = await app.inject('/');
  await app.close();
  return { link: res.headers.link, total: res.headers['x-total-count'], limit: res.headers['x-limit'], data: (res.json() as { data: string[] }).data };
}

describe('a page of an OCPI list', () => {
  it('links to the next page with the filters, none from the last page or past the end', async () => {
    expect(await answer({ limit: '2', date_from: '2026-03-01T00:00:00Z' }, { items: ['a', 'b'], total: 5 })).toEqual({
      link: `<${URL}?offset=2&limit=2&date_from=2026-03-01T00%3A00%3A00Z>; rel="next"`,
      total: '5',
      limit: '2',
      data: ['a', 'b'],
    });
    expect((await answer({ offset: '4', limit: '2' }, { items: ['e'], total: 5 })).link).toBeUndefined();
    expect((await answer({ offset: '9', limit: '2' }, { items: [], total: 5 })).link).toBeUndefined();
  });

  it('links a whole page on when a page carries fewer than its list had there', async () => {
    // Both sites of offsets 2 and 3 are no longer published: the next page is still 4, not 2 again.
    expect(await answer({ offset: '2', limit: '2' }, { items: [], total: 5 })).toMatchObject({ link: `<${URL}?offset=4&limit=2>; rel="next"`, data: [] });
    expect((await answer({ offset: '0', limit: '2' }, { items: ['a'], total: 5 })).link).toBe(`<${URL}?offset=2&limit=2>; rel="next"`);
  });
});
