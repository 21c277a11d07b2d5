import { describe, expect, it } from 'vitest';
import { keptLists } from './kept-lists.ts';

function setUp(o: { ttlMs?: number; max?: number } = {}) {
  let clock = 1_000_000;
  const lists = keptLists<string[]>({ ttlMs: o.ttlMs ?? 30_000, max: o.max ?? 3, now: () => clock });
  let made = 0;
  const make = (...ids: string[]) => () => {
    made++;
    return Promise.resolve(ids);
  };
  return { lists, make, made: () => made, advance: (ms: number) => void (clock += ms) };
}

describe('kept lists', () => {
  it('gives the kept list while it is younger than its time, and a new one after', async () => {
    const { lists, make, made, advance } = setUp();
    expect(await lists.get('a', false, make('1', '2'))).toEqual(['1', '2']);
    advance(29_999);
    expect(await lists.get('a', false, make('changed'))).toEqual(['1', '2']);
    expect(made()).toBe(1);
    advance(1);
    expect(await lists.get('a', false, make('changed'))).toEqual(['changed']);
    expect(made()).toBe(2);
  });

  it('makes a new one when asked for a fresh list, and keeps that one', async () => {
    const { lists, make, made, advance } = setUp();
    await lists.get('a', false, make('1'));
    advance(1000);
    expect(await lists.get('a', true, make('2'))).toEqual(['2']);
    advance(29_000);
    // 30 s after the first, 29 s after the fresh one: the fresh one holds.
    expect(await lists.get('a', false, make('3'))).toEqual(['2']);
    expect(made()).toBe(2);
  });

  it('keeps each key on its own', async () => {
    const { lists, make } = setUp();
    await lists.get('a', false, make('a'));
    expect(await lists.get('b', false, make('b'))).toEqual(['b']);
    expect(await lists.get('a', false, make('other'))).toEqual(['a']);
  });

  it('keeps at most max lists, dropping the oldest, and drops those past their time', async () => {
    const { lists, make, made, advance } = setUp({ max: 2 });
    await lists.get('a', false, make('a'));
    advance(10);
    await lists.get('b', false, make('b'));
    advance(10);
    await lists.get('c', false, make('c'));
    expect(lists.size()).toBe(2);
    expect(await lists.get('b', false, make('b again'))).toEqual(['b']);
    expect(await lists.get('a', false, make('a again'))).toEqual(['a again']);
    expect(made()).toBe(4);
    advance(30_000);
    await lists.get('d', false, make('d'));
    expect(lists.size()).toBe(1);
  });

  it('lets requests that come while a list is made wait for the same one', async () => {
    const { lists } = setUp();
    let release: (ids: string[]) => void = () => {};
    let calls = 0;
    const slow = () => {
      calls++;
      return new Promise<string[]>((resolve) => (release = resolve));
    };
    const first = lists.get('a', true, slow);
    const second = lists.get('a', false, slow);
    release(['1']);
    expect(await Promise.all([first, second])).toEqual([['1'], ['1']]);
    expect(calls).toBe(1);
  });

  it('forgets a list that could not be made', async () => {
    const { lists, make } = setUp();
    await expect(lists.get('a', false, () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(lists.size()).toBe(0);
    expect(await lists.get('a', false, make('1'))).toEqual(['1']);
  });
});
