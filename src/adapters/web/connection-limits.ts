import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { SecurityMetrics } from './security-metrics.ts';

// Counts the connections the server cuts. Node answers a request whose
// headers or body did not arrive in time with 408 and closes it (a
// 'clientError'); a socket silent past the idle timeout while its request is
// being answered (a client that stopped reading) is closed here. A keep-alive
// connection that simply ends between requests is not counted.
export function applyConnectionLimits(server: Server, metrics: SecurityMetrics): void {
  const answering = new WeakSet<Socket>();
  server.on('request', (request, response) => {
    answering.add(request.socket);
    response.once('close', () => answering.delete(request.socket));
  });
  server.on('clientError', (err: NodeJS.ErrnoException) => {
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') metrics.connectionCut('request_timeout');
  });
  // With a listener here Node no longer closes the socket itself.
  server.on('timeout', (socket: Socket) => {
    if (answering.has(socket)) metrics.connectionCut('idle_timeout');
    socket.destroy();
  });
}
