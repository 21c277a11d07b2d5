import { describe, expect, it } from 'vitest';
import { CAR_ARRIVED, CAR_PLUGGED_IN, CONNECTOR_STATUSES, connectorStatusOf, statusIn } from './connector-status.ts';

describe('connector status', () => {
  it('the car a session waits for has come only where a car is plugged in, and not while charging or finishing', () => {
    for (const status of CAR_ARRIVED) expect(statusIn(CAR_PLUGGED_IN, status)).toBe(true);
    expect(statusIn(CAR_ARRIVED, 'charging')).toBe(false);
    expect(statusIn(CAR_ARRIVED, 'finishing')).toBe(false);
  });

  it('an unknown connector has no car plugged in', () => {
    expect(statusIn(CAR_PLUGGED_IN, 'unknown')).toBe(false);
  });

  it.each([...CONNECTOR_STATUSES])('reads %s back from storage', (status) => {
    expect(connectorStatusOf(status)).toBe(status);
  });

  it.each(['unknown', '', 'Charging', 'plugged'])('reads %j back as unknown', (value) => {
    expect(connectorStatusOf(value)).toBe('unknown');
  });
});
