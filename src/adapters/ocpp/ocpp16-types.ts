// OCPP 1.6J payloads, as far as Ladepay reads or writes them. The shapes follow
// the official JSON schemas (which ocpp-rpc enforces in strict mode); optional
// fields Ladepay ignores are left out. These types never leave this folder.

export type AuthorizationStatus16 = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';

export interface IdTagInfo16 {
  status: AuthorizationStatus16;
  expiryDate?: string;
  parentIdTag?: string;
}

export type ChargePointStatus16 =
  | 'Available'
  | 'Preparing'
  | 'Charging'
  | 'SuspendedEVSE'
  | 'SuspendedEV'
  | 'Finishing'
  | 'Reserved'
  | 'Unavailable'
  | 'Faulted';

export type StopReason16 =
  | 'EmergencyStop'
  | 'EVDisconnected'
  | 'HardReset'
  | 'Local'
  | 'Other'
  | 'PowerLoss'
  | 'Reboot'
  | 'Remote'
  | 'SoftReset'
  | 'UnlockCommand'
  | 'DeAuthorized';

export interface SampledValue16 {
  value: string;
  context?: string;
  format?: 'Raw' | 'SignedData';
  measurand?: string;
  phase?: string;
  location?: string;
  unit?: string;
}

export interface MeterValue16 {
  timestamp: string;
  sampledValue: SampledValue16[];
}

// Station → CSMS.
export interface BootNotificationReq16 {
  chargePointVendor: string;
  chargePointModel: string;
  firmwareVersion?: string;
  chargePointSerialNumber?: string;
  chargeBoxSerialNumber?: string;
}
export interface BootNotificationConf16 {
  status: 'Accepted' | 'Pending' | 'Rejected';
  currentTime: string;
  interval: number;
}
export interface HeartbeatConf16 {
  currentTime: string;
}
export interface StatusNotificationReq16 {
  connectorId: number;
  errorCode: string;
  status: ChargePointStatus16;
  timestamp?: string;
  info?: string;
  vendorId?: string;
  vendorErrorCode?: string;
}
export interface AuthorizeReq16 {
  idTag: string;
}
export interface AuthorizeConf16 {
  idTagInfo: IdTagInfo16;
}
export interface StartTransactionReq16 {
  connectorId: number;
  idTag: string;
  meterStart: number;
  timestamp: string;
  reservationId?: number;
}
export interface StartTransactionConf16 {
  idTagInfo: IdTagInfo16;
  transactionId: number;
}
export interface MeterValuesReq16 {
  connectorId: number;
  transactionId?: number;
  meterValue: MeterValue16[];
}
export interface StopTransactionReq16 {
  transactionId: number;
  meterStop: number;
  timestamp: string;
  idTag?: string;
  reason?: StopReason16;
  transactionData?: MeterValue16[];
}
export interface StopTransactionConf16 {
  idTagInfo?: IdTagInfo16;
}
export interface DataTransferReq16 {
  vendorId: string;
  messageId?: string;
  data?: string;
}
export interface DataTransferConf16 {
  status: 'Accepted' | 'Rejected' | 'UnknownMessageId' | 'UnknownVendorId';
  data?: string;
}
export type EmptyConf16 = Record<string, never>;

// CSMS → station.
export interface Ocpp16Commands {
  RemoteStartTransaction: { req: { connectorId?: number; idTag: string }; conf: { status: 'Accepted' | 'Rejected' } };
  RemoteStopTransaction: { req: { transactionId: number }; conf: { status: 'Accepted' | 'Rejected' } };
  ChangeConfiguration: {
    req: { key: string; value: string };
    conf: { status: 'Accepted' | 'Rejected' | 'RebootRequired' | 'NotSupported' };
  };
  TriggerMessage: {
    req: {
      requestedMessage:
        | 'BootNotification'
        | 'DiagnosticsStatusNotification'
        | 'FirmwareStatusNotification'
        | 'Heartbeat'
        | 'MeterValues'
        | 'StatusNotification';
      connectorId?: number;
    };
    conf: { status: 'Accepted' | 'Rejected' | 'NotImplemented' };
  };
  Reset: { req: { type: 'Hard' | 'Soft' }; conf: { status: 'Accepted' | 'Rejected' } };
  UnlockConnector: { req: { connectorId: number }; conf: { status: 'Unlocked' | 'UnlockFailed' | 'NotSupported' } };
  ChangeAvailability: {
    req: { connectorId: number; type: 'Inoperative' | 'Operative' };
    conf: { status: 'Accepted' | 'Rejected' | 'Scheduled' };
  };
}
