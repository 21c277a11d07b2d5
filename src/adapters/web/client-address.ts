import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

// The client's address for a raw request outside Fastify's routing (the OCPP
// WebSocket upgrade), read exactly as Fastify reads request.ip: the socket's
// peer, or, only when that peer is a trusted proxy, the address the proxy
// names in X-Forwarded-For (TRUSTED_PROXIES; docs/security.md).
export function clientAddressReader(trustedProxies: readonly string[]): (req: IncomingMessage) => string {
  if (trustedProxies.length === 0) return (req) => req.socket.remoteAddress ?? 'unknown';
  const trust = proxyAddr.compile([...trustedProxies]);
  return (req) => proxyAddr(req, trust);
}
