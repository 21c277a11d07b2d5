import { withBoolean, withSeconds } from './setting-value.ts';
import type { StationView } from './station-view.ts';

// The part of the 2.0.1 device model (B05–B07) this station offers. Component
// and variable names compare case-insensitively.

export interface Variable201 {
  component: string;
  variable: string;
  instance?: string; // a variable with several instances (TariffCostCtrlr.Enabled[Tariff], [Cost])
  mutability: 'ReadOnly' | 'ReadWrite';
  dataType: 'integer' | 'boolean' | 'string' | 'MemberList';
  unit?: string;
  value(): string;
  set?(value: string): boolean; // false: value not acceptable
  rebootRequired?: boolean; // a change takes effect after the next reboot: RebootRequired (B05)
}

const MEASURANDS = 'Energy.Active.Import.Register,Power.Active.Import,SoC';

export function variables201(view: StationView): Variable201[] {
  const fixed = (component: string, variable: string, value: string): Variable201 => ({
    component, variable, mutability: 'ReadOnly', dataType: 'MemberList', value: () => value,
  });
  return [
    {
      component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval', mutability: 'ReadWrite', dataType: 'integer', unit: 's',
      value: () => String(view.settings.heartbeatIntervalSec),
      set: (v) => withSeconds(v, (s) => view.updateSettings({ heartbeatIntervalSec: s })),
    },
    {
      component: 'SampledDataCtrlr', variable: 'TxUpdatedInterval', mutability: 'ReadWrite', dataType: 'integer', unit: 's',
      value: () => String(view.settings.meterIntervalSec),
      set: (v) => withSeconds(v, (s) => view.updateSettings({ meterIntervalSec: s })),
    },
    {
      component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart', mutability: 'ReadWrite', dataType: 'boolean',
      value: () => String(view.settings.authorizeRemoteStart),
      set: (v) => withBoolean(v, (b) => view.updateSettings({ authorizeRemoteStart: b })),
    },
    {
      component: 'TxCtrlr', variable: 'EVConnectionTimeOut', mutability: 'ReadWrite', dataType: 'integer', unit: 's',
      value: () => String(view.settings.connectionTimeoutSec),
      set: (v) => withSeconds(v, (s) => view.updateSettings({ connectionTimeoutSec: s })),
    },
    {
      component: 'OCPPCommCtrlr', variable: 'WebSocketPingInterval', mutability: 'ReadWrite', dataType: 'integer', unit: 's', rebootRequired: true,
      value: () => String(view.settings.webSocketPingIntervalSec),
      set: (v) => withSeconds(v, (s) => view.updateSettings({ webSocketPingIntervalSec: s })),
    },
    fixed('SampledDataCtrlr', 'TxStartedMeasurands', MEASURANDS),
    fixed('SampledDataCtrlr', 'TxUpdatedMeasurands', MEASURANDS),
    fixed('SampledDataCtrlr', 'TxEndedMeasurands', MEASURANDS),
    fixed('TxCtrlr', 'TxStartPoint', 'Authorized'),
    fixed('TxCtrlr', 'TxStopPoint', 'EVConnected,Authorized'),
  ];
}

export function findVariable(all: Variable201[], component: string, variable: string, instance?: string): Variable201 | 'UnknownComponent' | 'UnknownVariable' {
  const sameComponent = all.filter((v) => v.component.toLowerCase() === component.toLowerCase());
  if (sameComponent.length === 0) return 'UnknownComponent';
  const same = (a: string | undefined, b: string | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
  return sameComponent.find((v) => same(v.variable, variable) && (v.instance === undefined || same(v.instance, instance))) ?? 'UnknownVariable';
}
