import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATES,
  BILLED_STATES,
  DRIVER_STOPPABLE_STATES,
  ENDED_STATES,
  LIVE_STATES,
  RUNNING_STATES,
  SESSION_STATES,
  TERMINAL_STATES,
  isSessionState,
  stateIn,
} from './session-states.ts';

describe('session state groups', () => {
  it('active and ended split the states between them', () => {
    expect([...ACTIVE_STATES, ...ENDED_STATES].sort()).toEqual([...SESSION_STATES].sort());
  });

  it.each([
    ['terminal', TERMINAL_STATES, 'ended', ENDED_STATES],
    ['billed', BILLED_STATES, 'ended', ENDED_STATES],
    ['live', LIVE_STATES, 'active', ACTIVE_STATES],
    ['running', RUNNING_STATES, 'live', LIVE_STATES],
    ['driver-stoppable', DRIVER_STOPPABLE_STATES, 'active', ACTIVE_STATES],
  ] as const)('%s states are %s', (_name, group, _outer, outer) => {
    for (const state of group) expect(stateIn(outer, state)).toBe(true);
  });

  it('reads a state back from a string', () => {
    for (const state of SESSION_STATES) expect(isSessionState(state)).toBe(true);
    expect(isSessionState('finished')).toBe(false);
    expect(isSessionState('')).toBe(false);
  });
});
