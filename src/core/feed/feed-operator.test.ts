import { describe, expect, it } from 'vitest';
import { EVSE_ID, evseIdOf } from './evse-id.ts';
import { helpLineOf, isOperatorCountry, isPartyId } from './feed-operator.ts';

describe('the operator in the feeds', () => {
  it.each([
    ['LDP', true],
    ['A1B', true],
    ['ldp', false],
    ['LD', false],
    ['LDPX', false],
    ['L*P', false],
  ])('party id %j: %s', (id, valid) => expect(isPartyId(id)).toBe(valid));

  it.each([
    ['NO', true],
    ['SE', true],
    ['no', false],
    ['NOR', false],
    ['XX', false],
  ])('country code %j: %s', (code, valid) => expect(isOperatorCountry(code)).toBe(valid));

  it.each([
    ['+47 22 12 34 56', '+47 22 12 34 56'],
    ['+4722123456', '+47 22 12 34 56'],
    ['+47 912 34 567', '+47 912 34 567'],
    ['+47 91234567', '+47 912 34 567'],
    ['+47 4000  1234', '+47 400 01 234'],
    ['+46 8 123  456 78', '+46 8 123 456 78'],
  ])('help line of %j is %j', (phone, line) => expect(helpLineOf(phone)).toBe(line));

  it('has no help line without a support phone', () => expect(helpLineOf(undefined)).toBeUndefined());
});

describe('the EVSE id', () => {
  it('is the eMI3 id of the party and the connector code', () => {
    expect(evseIdOf('NO', 'LDP', 'DEMO01')).toBe('NO*LDP*EDEMO01');
    expect(evseIdOf('NO', 'LDP', '7KQ2MX9P4TZC')).toMatch(EVSE_ID);
    expect(evseIdOf('NO', 'LDP', '7KQ2MX9P4TZC').length).toBeLessThanOrEqual(48);
  });
});
