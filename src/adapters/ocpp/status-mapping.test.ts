import { describe, expect, it } from 'vitest';
import {
  chargingConditionFrom201,
  authorizationStatusFor,
  connectorStatusFrom16,
  connectorStatusFrom201,
  stopReasonFrom16,
  stopReasonFrom201,
} from './status-mapping.ts';

describe('status mapping', () => {
  it.each([
    ['Available', 'available'],
    ['Preparing', 'preparing'],
    ['Charging', 'charging'],
    ['SuspendedEV', 'suspended_ev'],
    ['SuspendedEVSE', 'suspended_evse'],
    ['Finishing', 'finishing'],
    ['Reserved', 'reserved'],
    ['Unavailable', 'unavailable'],
    ['Faulted', 'faulted'],
  ] as const)('1.6 %s → %s', (ocpp, ours) => {
    expect(connectorStatusFrom16(ocpp)).toBe(ours);
  });

  it.each([
    ['Available', 'available'],
    ['Occupied', 'occupied'],
    ['Reserved', 'reserved'],
    ['Unavailable', 'unavailable'],
    ['Faulted', 'faulted'],
  ] as const)('2.0.1 %s → %s', (ocpp, ours) => {
    expect(connectorStatusFrom201(ocpp)).toBe(ours);
  });

  it.each([
    [undefined, 'local'],
    ['Remote', 'remote'],
    ['Local', 'local'],
    ['EVDisconnected', 'ev_disconnected'],
    ['PowerLoss', 'power_loss'],
    ['HardReset', 'reboot'],
    ['SoftReset', 'reboot'],
    ['Reboot', 'reboot'],
    ['DeAuthorized', 'deauthorized'],
    ['EmergencyStop', 'emergency_stop'],
    ['UnlockCommand', 'remote'],
    ['Other', 'other'],
  ] as const)('1.6 stop reason %s → %s', (ocpp, ours) => {
    expect(stopReasonFrom16(ocpp)).toBe(ours);
  });

  it.each([
    [undefined, 'local'],
    ['Remote', 'remote'],
    ['EVDisconnected', 'ev_disconnected'],
    ['ImmediateReset', 'reboot'],
    ['PowerLoss', 'power_loss'],
    ['DeAuthorized', 'deauthorized'],
    ['StoppedByEV', 'stopped_by_ev'],
    ['GroundFault', 'ground_fault'],
    ['OvercurrentFault', 'overcurrent_fault'],
    ['EnergyLimitReached', 'energy_limit_reached'],
    ['SOCLimitReached', 'soc_limit_reached'],
    ['Other', 'other'],
  ] as const)('2.0.1 stop reason %s → %s', (ocpp, ours) => {
    expect(stopReasonFrom201(ocpp)).toBe(ours);
  });

  it.each([
    ['Charging', 'ChargingStateChanged', { status: 'charging' }],
    ['SuspendedEVSE', 'ChargingStateChanged', { status: 'suspended_evse' }],
    ['SuspendedEV', 'MeterValuePeriodic', { status: 'suspended_ev' }],
    ['EVConnected', 'ChargingStateChanged', { status: 'occupied' }],
    ['Idle', 'ChargingStateChanged', undefined],
    [undefined, 'MeterValuePeriodic', undefined],
    ['Charging', 'AbnormalCondition', { status: 'faulted', fault: { info: 'AbnormalCondition' } }],
    [undefined, 'EVCommunicationLost', { status: 'faulted', fault: { errorCode: 'EVCommunicationError', info: 'EVCommunicationLost' } }],
  ] as const)('2.0.1 chargingState %s with trigger %s → %j', (state, trigger, ours) => {
    expect(chargingConditionFrom201(state, trigger)).toEqual(ours);
  });

  it.each([
    ['accepted', 'Accepted'],
    ['invalid', 'Invalid'],
    ['blocked', 'Blocked'],
    ['expired', 'Expired'],
  ] as const)('verdict %s → %s', (verdict, status) => {
    expect(authorizationStatusFor(verdict)).toBe(status);
  });
});
