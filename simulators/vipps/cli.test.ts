import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it, expect } from 'vitest';
import { readResponse } from './vipps-test-client.ts';

// The CLI's contract with scripts: the first stdout line is exactly one JSON object with URL and keys.

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
const lines = createInterface({ input: child.stdout });
const firstLine = new Promise<string>((resolve) => lines.once('line', resolve));

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

// Starting the CLI (tsx, then the simulator) takes seconds of CPU, many more
// on a busy machine.
describe('cli', { timeout: 180_000 }, () => {
  it('prints the simulator URL and the demo merchant first, then serves', async () => {
    const parsed = JSON.parse(await firstLine) as { vippsSimulator: { url: string; merchants: Array<Record<string, string>> } };
    expect(Object.keys(parsed)).toEqual(['vippsSimulator']);
    expect(parsed.vippsSimulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(parsed.vippsSimulator.merchants).toEqual([
      { clientId: 'ladepay-demo-client-id', clientSecret: 'ladepay-demo-client-secret', subscriptionKey: 'ladepay-demo-subscription-key', msn: '123456' },
    ]);
    const token = await readResponse(
      await fetch(`${parsed.vippsSimulator.url}/accessToken/get`, {
        method: 'POST',
        headers: { client_id: 'ladepay-demo-client-id', client_secret: 'ladepay-demo-client-secret', 'Ocp-Apim-Subscription-Key': 'ladepay-demo-subscription-key' },
      }),
    );
    expect(token.status).toBe(200);
  });

  it('stops cleanly on SIGTERM', async () => {
    await firstLine;
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
