import { describe, expect, it } from 'vitest';
import { checkConfigurationKey, checkTransferLocation } from './station-operation-input.ts';

describe('configuration keys an operator may change', () => {
  it.each([
    ['HeartbeatInterval', 'ocpp1.6', undefined],
    ['OCPPCommCtrlr.HeartbeatInterval', 'ocpp2.0.1', undefined],
    ['HeartbeatInterval', 'ocpp2.0.1', 'On OCPP 2.x a key is Component.Variable, e.g. OCPPCommCtrlr.HeartbeatInterval ("HeartbeatInterval" is not).'],
    ['A.B.C', 'ocpp2.1', 'On OCPP 2.x a key is Component.Variable, e.g. OCPPCommCtrlr.HeartbeatInterval ("A.B.C" is not).'],
    ['', 'ocpp1.6', 'A key of 1 to 100 characters is required.'],
    ['authorizationkey', 'ocpp1.6', 'The station password is changed with "Change over OCPP" (the station door), not as a configuration key.'],
    ['SecurityCtrlr.BasicAuthPassword', 'ocpp2.0.1', 'The station password is changed with "Change over OCPP" (the station door), not as a configuration key.'],
  ] as const)('%s on %s', (key, protocol, problem) => {
    expect(checkConfigurationKey(key, '1', protocol)).toBe(problem);
  });
});

describe('firmware and diagnostics locations', () => {
  it.each([
    ['https://files.example.com/fw.bin', undefined],
    ['sftp://logs.example.com/in', undefined],
    ['ftp://files.example.com/fw.bin', undefined],
    ['javascript:alert(1)', 'The location must be an http(s), ftp(s) or sftp URL.'],
    ['file:///etc/passwd', 'The location must be an http(s), ftp(s) or sftp URL.'],
    ['files.example.com/fw.bin', 'The location must be a full URL, e.g. https://files.example.com/firmware.bin.'],
    [`https://x.example/${'a'.repeat(520)}`, 'The location may be at most 512 characters.'],
  ] as const)('%s', (location, problem) => {
    expect(checkTransferLocation(location)).toBe(problem);
  });
});
