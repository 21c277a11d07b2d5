import type { AddressInfo } from 'node:net';
import { RPCServer } from 'ocpp-rpc';

// The ceiling for bench/stations-at-scale.ts: ocpp-rpc's server in strict
// mode (as Ladepay runs it), both protocols, answering every call at once
// with a fixed valid answer. No authentication, no database, no message log,
// no sessions: what is left is WebSocket, JSON and schema validation.
// Prints "listening <port>" once it listens on 127.0.0.1.

let nextTransactionId = 1;
const now = () => new Date().toISOString();

const server = new RPCServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], strictMode: true });
server.auth((accept) => accept({}));
server.on('client', (client) => {
  client.handle('BootNotification', () => ({ status: 'Accepted', currentTime: now(), interval: 300 }));
  client.handle('Heartbeat', () => ({ currentTime: now() }));
  client.handle('StatusNotification', () => ({}));
  client.handle('MeterValues', () => ({}));
  client.handle('StartTransaction', () => ({ idTagInfo: { status: 'Invalid' }, transactionId: nextTransactionId++ }));
  client.handle('StopTransaction', () => ({}));
  client.handle('TransactionEvent', ({ params }: { params: unknown }) =>
    (params as { idToken?: unknown }).idToken === undefined ? {} : { idTokenInfo: { status: 'Invalid' } },
  );
});

const port = Number(process.argv[2] ?? 0);
const http = await server.listen(port, '127.0.0.1');
console.log(`listening ${(http.address() as AddressInfo).port}`);

const shutdown = () => {
  server.close({ code: 1001, reason: 'bench done' }).finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
