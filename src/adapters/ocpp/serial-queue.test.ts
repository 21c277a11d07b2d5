import { describe, expect, it } from 'vitest';
import { QueueFullError, createSerialQueue } from './serial-queue.ts';

describe('createSerialQueue', () => {
  it('runs tasks one at a time in order, past failures', async () => {
    const queue = createSerialQueue(10);
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));

    const a = queue.run(async () => {
      order.push('a start');
      await gate;
      order.push('a end');
    });
    const b = queue.run(async () => {
      order.push('b');
      throw new Error('b failed');
    });
    const c = queue.run(async () => {
      order.push('c');
      return 3;
    });
    expect(queue.pending()).toBe(3);
    release();
    await a;
    await expect(b).rejects.toThrow('b failed');
    await expect(c).resolves.toBe(3);
    expect(order).toEqual(['a start', 'a end', 'b', 'c']);
    expect(queue.pending()).toBe(0);
  });

  it('refuses tasks past the limit', async () => {
    const queue = createSerialQueue(1);
    let release: () => void = () => undefined;
    const first = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(queue.run(async () => 1)).rejects.toBeInstanceOf(QueueFullError);
    release();
    await first;
    await expect(queue.run(async () => 2)).resolves.toBe(2);
  });
});
