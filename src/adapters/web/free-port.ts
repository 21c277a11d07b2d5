import { createServer } from 'node:net';

// Port 0 means "any free port", but the public URL (links, the webhook URL,
// the pages' same-origin checks) must be known before the routes are built:
// ask the OS for a free port first, then listen on it.
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
