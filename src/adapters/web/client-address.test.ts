import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { clientAddressReader } from './client-address.ts';

function request(peer: string, forwardedFor?: string): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: peer });
  const req = new IncomingMessage(socket);
  if (forwardedFor) req.headers['x-forwarded-for'] = forwardedFor;
  return req;
}

describe('clientAddressReader', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddressReader([])(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
  });
  it('reads X-Forwarded-For from a trusted proxy', () => {
    expect(clientAddressReader(['127.0.0.1'])(request('127.0.0.1', '198.51.100.1'))).toBe('198.51.100.1');
  });
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddressReader(['10.0.0.0/8'])(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
  });
});
