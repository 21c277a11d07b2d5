import { withBoolean, withSeconds } from './setting-value.ts';
import type { StationView } from './station-view.ts';

// OCPP 1.6 §9.1 configuration keys the station knows. The writable ones are
// honoured; ChangeConfiguration of any other known key is Rejected, of an
// unknown key NotSupported (§5.3).

export interface ConfigKey16 {
  key: string;
  readonly: boolean;
  value(): string;
  set?(value: string): boolean; // false: value not acceptable
  rebootRequired?: boolean; // a change takes effect after the next reboot: RebootRequired (§5.3)
}

export function configurationKeys16(view: StationView): ConfigKey16[] {
  const fixed = (key: string, value: string): ConfigKey16 => ({ key, readonly: true, value: () => value });
  return [
    {
      key: 'HeartbeatInterval',
      readonly: false,
      value: () => String(view.settings.heartbeatIntervalSec),
      set: (v) => withSeconds(v, (s) => view.updateSettings({ heartbeatIntervalSec: s })),
    },
    {
      key: 'MeterValueSampleInterval',
      readonly: false,
      value: () => String(view.settings.meterIntervalSec),
      set: (v) => withSeconds(v, (s) => view.updateSettings({ meterIntervalSec: s })),
    },
    {
      key: 'ConnectionTimeOut',
      readonly: false,
      value: () => String(view.settings.connectionTimeoutSec),
      set: (v) => withSeconds(v, (s) => view.updateSettings({ connectionTimeoutSec: s })),
    },
    {
      key: 'AuthorizeRemoteTxRequests',
      readonly: false,
      value: () => String(view.settings.authorizeRemoteStart),
      set: (v) => withBoolean(v, (b) => view.updateSettings({ authorizeRemoteStart: b })),
    },
    {
      key: 'WebSocketPingInterval',
      readonly: false,
      rebootRequired: true,
      value: () => String(view.settings.webSocketPingIntervalSec),
      set: (v) => withSeconds(v, (s) => view.updateSettings({ webSocketPingIntervalSec: s })),
    },
    fixed('NumberOfConnectors', String(view.connectors().length)),
    fixed('MeterValuesSampledData', 'Energy.Active.Import.Register,Power.Active.Import,SoC'),
    fixed('StopTxnSampledData', 'Energy.Active.Import.Register'),
    fixed('StopTransactionOnEVSideDisconnect', 'true'),
    fixed('StopTransactionOnInvalidId', 'true'),
    fixed('UnlockConnectorOnEVSideDisconnect', 'true'),
    fixed('LocalPreAuthorize', 'false'),
    fixed('LocalAuthorizeOffline', 'false'),
    fixed('TransactionMessageAttempts', String(view.options.transactionMessageAttempts)),
    fixed('TransactionMessageRetryInterval', String(Math.round(view.options.transactionMessageRetryMs / 1000))),
    fixed('SupportedFeatureProfiles', 'Core,FirmwareManagement,RemoteTrigger'),
  ];
}
