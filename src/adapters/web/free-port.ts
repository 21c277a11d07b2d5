import { createServer, type Server } from 'node:net';

// Port 0 means "any free port", but the public URL (links, the webhook URL,
// the pages' same-origin checks) must be known before the routes are built:
// ask the OS for a free port first, then listen on it.
export async function freePort(host: string): Promise<number> {
  const reserved = await reservePort(host);
  await reserved.release();
  return reserved.port;
}

export interface ReservedPort {
  port: number;
  // Frees the port for the real listener; call it right before listening.
  release(): Promise<void>;
}

// A free port, held until released. A port only looked up and let go is free
// for anyone in the meantime: an outgoing connection (to the database, to
// Vipps) may be given it as its local port while the routes are being built,
// and the listener then fails with EADDRINUSE. While a socket listens on it,
// the OS hands it to no other.
export function reservePort(host: string): Promise<ReservedPort> {
  return new Promise((resolve, reject) => {
    const server: Server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      let released: Promise<void> | undefined;
      const release = () => (released ??= new Promise<void>((done) => server.close(() => done())));
      resolve({ port, release });
    });
  });
}
