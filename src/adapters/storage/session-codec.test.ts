import { describe, expect, it } from 'vitest';
import { aSessionWithEveryField } from '../../../test/support/stored-sessions.ts';
import { decodeSession, encodeSession } from './session-codec.ts';

const session = aSessionWithEveryField('c1');
const stored = encodeSession(session);
const withField = (path: string[], value: unknown): string => {
  const data = JSON.parse(stored) as Record<string, unknown>;
  let at: Record<string, unknown> = data;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return JSON.stringify(data);
};

describe('the stored session format', () => {
  it('reads back what it wrote', () => {
    expect(decodeSession(stored, 'c1')).toStrictEqual(session);
  });

  it.each([
    ['a required field missing', ['flags'], undefined, '/flags is missing'],
    ['a required field of the tariff missing', ['tariff', 'perKwhOre'], undefined, '/tariff/perKwhOre is missing'],
    ['null where an optional field may only be absent', ['transactionId'], null, '/transactionId must be string'],
    ['a state the code does not know', ['state'], 'parked', '/state must be equal to one of the allowed values'],
    ['a bill line of the wrong type', ['priced', 'lines'], [{ kind: 'energy' }], '/priced/lines/0/quantity is missing'],
    ['a version that is not one', ['v'], '2', '/v is not a format version'],
  ])('refuses %s', (_, path, value, problem) => {
    expect(() => decodeSession(withField(path, value), 'c1')).toThrow(`session c1 cannot be read: ${problem}`);
  });

  it('refuses a session stored under another row', () => {
    expect(() => decodeSession(stored, 'c2')).toThrow('session c2 cannot be read: /id does not match the row');
  });

  it('reads a frozen tariff that cannot price: that is for review at settlement, not an unreadable row', () => {
    const kroner = { ...session, tariff: { ...session.tariff, perKwhOre: 4.99 } };
    expect(decodeSession(encodeSession(kroner), 'c1').tariff.perKwhOre).toBe(4.99);
  });

  it('lets a field the type does not have through rather than refuse the row', () => {
    expect(decodeSession(withField(['note'], 'kept'), 'c1')).toMatchObject({ note: 'kept' });
  });
});
