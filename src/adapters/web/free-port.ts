import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

// A port that is free now, for a process started next (a test's Ladepay
// child, a load balancer, a benchmark). Port 0's answer comes from the range
// the OS also gives outgoing connections their local ports from: between
// this answer and the other process listening, a connection (to the
// database, to Vipps) may be given it, and the listener fails with
// EADDRINUSE. So on Linux the port is drawn below that range
// (/proc/sys/net/ipv4/ip_local_port_range), where no outgoing connection
// gets one, and tried before it is given; elsewhere port 0's.
export async function freePort(host: string): Promise<number> {
  const below = ephemeralRangeStart();
  for (let tries = 0; below !== undefined && below > LOWEST + 100 && tries < 50; tries++) {
    const port = LOWEST + randomInt(below - LOWEST);
    if (await canListen(host, port)) return port;
  }
  const reserved = await reservePort(host);
  await reserved.release();
  return reserved.port;
}

// Below the ports services are usually given by hand.
const LOWEST = 10_000;

function ephemeralRangeStart(): number | undefined {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) ? low : undefined;
  } catch {
    return undefined;
  }
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
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
