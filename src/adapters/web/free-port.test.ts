import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { reservePort } from './free-port.ts';

function listenOn(port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(undefined)));
  });
}

describe('a reserved port', () => {
  it('is held for the listener until released, then free', async () => {
    const reserved = await reservePort('127.0.0.1');
    expect(reserved.port).toBeGreaterThan(0);
    expect((await listenOn(reserved.port))?.code).toBe('EADDRINUSE');
    await reserved.release();
    await reserved.release();
    expect(await listenOn(reserved.port)).toBeUndefined();
  });
});
