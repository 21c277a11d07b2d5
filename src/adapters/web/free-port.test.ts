import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, reservePort } from './free-port.ts';

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

describe('a free port for another process', () => {
  const RANGE = '/proc/sys/net/ipv4/ip_local_port_range'; // Linux
  it.runIf(existsSync(RANGE))('is drawn below the range outgoing connections take their ports from, and is free', async () => {
    const range = readFileSync(RANGE, 'utf8').trim().split(/\s+/).map(Number);
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort('127.0.0.1')));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(range[0] ?? 0);
      expect(await listenOn(port)).toBeUndefined();
    }
  });
});
