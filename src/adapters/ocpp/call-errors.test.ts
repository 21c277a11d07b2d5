import { describe, expect, it } from 'vitest';
import { fixFramingErrorReply, formatViolationCode, strictValidators } from './call-errors.ts';

function reply(code: string, id = '-1'): unknown[] {
  return [4, id, code, 'x', {}];
}

describe('fixFramingErrorReply', () => {
  it('answers 1.6 with FormationViolation, which is in its table of codes', () => {
    for (const code of ['RpcFrameworkError', 'MessageTypeNotSupported']) {
      const r = reply(code);
      fixFramingErrorReply('ocpp1.6', '{"a":1}', r);
      expect(r[2]).toBe('FormationViolation');
    }
  });

  it('answers 2.0.1 with FormatViolation for text that is not JSON, and leaves RpcFrameworkError for JSON', () => {
    const notJson = reply('RpcFrameworkError');
    fixFramingErrorReply('ocpp2.0.1', '[2,"a","Heartbeat",', notJson);
    expect(notJson[2]).toBe('FormatViolation');
    const json = reply('RpcFrameworkError');
    fixFramingErrorReply('ocpp2.0.1', '{"a":1}', json);
    expect(json[2]).toBe('RpcFrameworkError');
  });

  it('recovers the message id of a truncated call', () => {
    const r = reply('RpcFrameworkError');
    fixFramingErrorReply('ocpp1.6', ' [ 2 , "abc-123", "Heartbeat", {', r);
    expect(r[1]).toBe('abc-123');
    const unreadable = reply('RpcFrameworkError');
    fixFramingErrorReply('ocpp1.6', 'garbage', unreadable);
    expect(unreadable[1]).toBe('-1');
  });

  it('leaves anything but a CALLERROR alone', () => {
    const r = [3, 'id', {}];
    fixFramingErrorReply('ocpp1.6', 'garbage', r);
    expect(r).toEqual([3, 'id', {}]);
  });
});

describe('strictValidators', () => {
  it.each([
    ['ocpp1.6', { connectorId: '1', errorCode: 'NoError', status: 'Available' }],
    ['ocpp1.6', { errorCode: 'NoError', status: 'Available' }],
    ['ocpp2.0.1', { timestamp: 'now', connectorStatus: 'Available', evseId: 1, connectorId: 1 }],
    ['ocpp2.0.1', { connectorStatus: 'Available', evseId: 1, connectorId: 1 }],
  ] as const)('report a %s schema violation with the format-violation code', (protocol, payload) => {
    const validator = strictValidators().find((v) => v.subprotocol === protocol);
    expect(() => validator?.validate('urn:StatusNotification.req', payload)).toThrow(
      expect.objectContaining({ rpcErrorCode: formatViolationCode(protocol) }),
    );
  });

  it('let a valid payload through', () => {
    const validator = strictValidators().find((v) => v.subprotocol === 'ocpp1.6');
    expect(validator?.validate('urn:Heartbeat.req', {})).toBe(true);
  });
});
