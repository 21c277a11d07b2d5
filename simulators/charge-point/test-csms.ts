import { RPCServer } from 'ocpp-rpc';
import type { RPCClient } from 'ocpp-rpc';
import type { AddressInfo } from 'node:net';
import { ocpp21Validator } from './ocpp21-validator.ts';
import type { Protocol } from './ocpp-link.ts';

// A tiny CSMS for the simulator's own tests: ocpp-rpc's server in strict mode,
// 1.6, 2.0.1 and 2.1, recording every call a station makes. Not Ladepay's CSMS.

export interface ReceivedCall {
  stationId: string;
  action: string;
  params: Record<string, unknown>;
}

export interface Connection {
  stationId: string;
  offered: string[]; // the subprotocols the station offered
  protocol?: string; // the one picked
}

export interface TestCsmsOptions {
  protocols?: Protocol[]; // what it speaks, most wanted first; default 2.1, 2.0.1, 1.6
}

export interface TestCsms {
  url: string; // the endpoint, e.g. ws://127.0.0.1:PORT/ocpp
  received: ReceivedCall[];
  connections: Connection[];
  bootStatus: 'Accepted' | 'Pending' | 'Rejected';
  bootInterval: number;
  callStation(stationId: string, action: string, params: Record<string, unknown>, callTimeoutMs?: number): Promise<unknown>;
  waitForCall(stationId: string, action: string, match?: (params: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<ReceivedCall>;
  calls(stationId: string, action: string): ReceivedCall[];
  dropStation(stationId: string): Promise<void>; // cut the TCP connection, as a failing network does
  refuse(stationId: string, on: boolean): void; // answer the station's upgrade 503 while on
  sendRaw(stationId: string, text: string): void; // a frame as is, past the CSMS's own schema checks
  // Adds to the answer to the station's calls of this action (undefined: no more), e.g. a 2.1 transactionLimit.
  answerWith(stationId: string, action: string, extra: ((params: Record<string, unknown>) => Record<string, unknown>) | undefined): void;
  close(): Promise<void>;
}

export async function startTestCsms(passwords: Record<string, string> = {}, options: TestCsmsOptions = {}): Promise<TestCsms> {
  const protocols = options.protocols ?? ['ocpp2.1', 'ocpp2.0.1', 'ocpp1.6'];
  const server = new RPCServer({ protocols, strictMode: true, strictModeValidators: [ocpp21Validator()] });
  const stations = new Map<string, RPCClient>();
  const refused = new Set<string>();
  const extras = new Map<string, (params: Record<string, unknown>) => Record<string, unknown>>();
  const waiters = new Set<() => void>();
  let nextTransactionId = 1;

  server.auth((accept, reject, handshake) => {
    if (refused.has(handshake.identity)) return reject(503, 'Service Unavailable');
    csms.connections.push({ stationId: handshake.identity, offered: [...handshake.protocols] });
    const expected = passwords[handshake.identity];
    if (expected !== undefined && handshake.password?.toString('utf8') !== expected) return reject(401, 'Unauthorized');
    accept({});
  });

  const csms: TestCsms = {
    url: '',
    received: [],
    connections: [],
    bootStatus: 'Accepted',
    bootInterval: 300,
    callStation(stationId, action, params, callTimeoutMs = 10_000) {
      const client = stations.get(stationId);
      if (!client) throw new Error(`${stationId} is not connected`);
      return client.call(action, params, { callTimeoutMs });
    },
    waitForCall(stationId, action, match = () => true, timeoutMs = 10_000) {
      const find = (): ReceivedCall | undefined =>
        csms.received.find((c) => c.stationId === stationId && c.action === action && match(c.params));
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = find();
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${action} from ${stationId} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    calls: (stationId, action) => csms.received.filter((c) => c.stationId === stationId && c.action === action),
    dropStation: async (stationId) => {
      await stations.get(stationId)?.close({ force: true });
    },
    sendRaw: (stationId, text) => {
      const client = stations.get(stationId);
      if (!client) throw new Error(`${stationId} is not connected`);
      client.sendRaw(text);
    },
    refuse: (stationId, on) => void (on ? refused.add(stationId) : refused.delete(stationId)),
    answerWith: (stationId, action, extra) => void (extra ? extras.set(`${stationId} ${action}`, extra) : extras.delete(`${stationId} ${action}`)),
    close: () => server.close({ force: true }),
  };

  server.on('client', (client: RPCClient) => {
    const stationId = client.identity ?? '';
    const v16 = client.protocol === 'ocpp1.6';
    stations.set(stationId, client);
    const connection = csms.connections.findLast((c) => c.stationId === stationId);
    if (connection) connection.protocol = client.protocol;
    const answer = (action: string, result: (params: Record<string, unknown>) => Record<string, unknown>): void => {
      client.handle(action, async ({ params }) => {
        const p = params ?? {};
        csms.received.push({ stationId, action, params: p });
        for (const check of [...waiters]) check();
        return { ...result(p), ...extras.get(`${stationId} ${action}`)?.(p) };
      });
    };
    const now = (): string => new Date().toISOString();
    const accepted = v16 ? { idTagInfo: { status: 'Accepted' } } : { idTokenInfo: { status: 'Accepted' } };
    answer('BootNotification', () => ({ status: csms.bootStatus, interval: csms.bootInterval, currentTime: now() }));
    answer('Heartbeat', () => ({ currentTime: now() }));
    answer('StatusNotification', () => ({}));
    answer('Authorize', () => accepted);
    answer('StartTransaction', () => ({ transactionId: nextTransactionId++, idTagInfo: { status: 'Accepted' } }));
    answer('MeterValues', () => ({}));
    answer('StopTransaction', () => ({}));
    answer('TransactionEvent', (p) => (p.idToken ? accepted : {}));
    answer('NotifyReport', () => ({}));
    answer('DataTransfer', () => ({ status: 'Accepted' }));
  });

  const http = await server.listen(0, '127.0.0.1');
  csms.url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ocpp`;
  return csms;
}
