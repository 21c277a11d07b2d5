import { describe, expect, it } from 'vitest';
import { basicAuthPassword } from './station-auth.ts';

function basic(text: string): string {
  return 'Basic ' + Buffer.from(text).toString('base64');
}

describe('basicAuthPassword', () => {
  it.each([
    ['the password after the station id', basic('CP-1:s3cret'), 'CP-1', 's3cret'],
    ['colons in the password', basic('CP-1:a:b:c'), 'CP-1', 'a:b:c'],
    ['colons in the station id', basic('site:7:pw'), 'site:7', 'pw'],
    ['an empty password', basic('CP-1:'), 'CP-1', ''],
    ['the scheme in any case', basic('CP-1:pw').replace('Basic', 'bAsIc'), 'CP-1', 'pw'],
  ])('reads %s', (_name, header, stationId, expected) => {
    expect(basicAuthPassword(header, stationId)?.toString('utf8')).toBe(expected);
  });

  it('keeps binary passwords as bytes', () => {
    const octets = Buffer.from('00ff10e3a1b2c3d4e5f60718293a4b5c6d7e8f90', 'hex');
    const header = 'Basic ' + Buffer.concat([Buffer.from('CP-1:'), octets]).toString('base64');
    expect(basicAuthPassword(header, 'CP-1')).toEqual(octets);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Bearer abc'],
    ['a username that is not the station id', basic('CP-2:pw')],
    ['a username that only starts like the station id', basic('CP-10:pw')],
    ['no colon', basic('CP-1')],
    ['broken base64', 'Basic !!!'],
  ])('finds nothing with %s', (_name, header) => {
    expect(basicAuthPassword(header, 'CP-1')).toBeUndefined();
  });
});
