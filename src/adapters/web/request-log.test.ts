import { describe, expect, it } from 'vitest';
import { redactUrl, scrubLogLine } from './request-log.ts';

describe('redactUrl', () => {
  it.each([
    ['/s/AbCdEf123_-xyz', '/s/[token]'],
    ['/s/AbCdEf123_-xyz.json', '/s/[token].json'],
    ['/s/AbCdEf123_-xyz/events', '/s/[token]/events'],
    ['/s/AbCdEf123_-xyz/stop?x=1', '/s/[token]/stop?x=[redacted]'],
    ['/c/K7P2QX', '/c/K7P2QX'],
    ['/console/sessions?state=charging&stationId=CP-1', '/console/sessions?state=charging&stationId=CP-1'],
    ['/console/stickers?_csrf=abcdef&connectors=A,B', '/console/stickers?_csrf=[redacted]&connectors=A,B'],
    ['/callback?token=secret&code=xyz&flag', '/callback?token=[redacted]&code=[redacted]&flag'],
    ['/console/x?%5Fcsrf=abc', '/console/x?%5Fcsrf=[redacted]'],
  ])('%s → %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});

describe('scrubLogLine', () => {
  it('cuts session tokens, API tokens and Basic or Bearer credentials out of any line', () => {
    const line = JSON.stringify({
      msg: 'failed for http://x.no/s/Q2FzZVNlbnNpdGl2ZQ/stop',
      auth: 'Basic Q1AtMTpzdGF0aW9uLXNlY3JldC0x',
      api: 'Bearer lp_0123456789abcdefghijABCDEFGHIJ',
    });
    const out = scrubLogLine(line);
    expect(out).not.toContain('Q2FzZVNlbnNpdGl2ZQ');
    expect(out).not.toContain('Q1AtMTpzdGF0aW9uLXNlY3JldC0x');
    expect(out).not.toContain('0123456789abcdefghij');
    expect(JSON.parse(out)).toEqual({ msg: 'failed for http://x.no/s/[token]/stop', auth: 'Basic [redacted]', api: 'Bearer lp_[redacted]' });
  });
});
