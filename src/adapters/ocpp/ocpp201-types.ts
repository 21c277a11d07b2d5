// OCPP 2.0.1 payloads, as far as Ladepay reads or writes them. The shapes follow
// the official JSON schemas (which ocpp-rpc enforces in strict mode); optional
// fields Ladepay ignores are left out. These types never leave this folder.

export type AuthorizationStatus201 =
  | 'Accepted'
  | 'Blocked'
  | 'ConcurrentTx'
  | 'Expired'
  | 'Invalid'
  | 'NoCredit'
  | 'NotAllowedTypeEVSE'
  | 'NotAtThisLocation'
  | 'NotAtThisTime'
  | 'Unknown';

export interface IdToken201 {
  idToken: string;
  type: string;
}

export interface IdTokenInfo201 {
  status: AuthorizationStatus201;
}

export interface Evse201 {
  id: number;
  connectorId?: number;
}

export type ConnectorStatus201 = 'Available' | 'Occupied' | 'Reserved' | 'Unavailable' | 'Faulted';

export type StopReason201 =
  | 'DeAuthorized'
  | 'EmergencyStop'
  | 'EnergyLimitReached'
  | 'EVDisconnected'
  | 'GroundFault'
  | 'ImmediateReset'
  | 'Local'
  | 'LocalOutOfCredit'
  | 'MasterPass'
  | 'Other'
  | 'OvercurrentFault'
  | 'PowerLoss'
  | 'PowerQuality'
  | 'Reboot'
  | 'Remote'
  | 'SOCLimitReached'
  | 'StoppedByEV'
  | 'TimeLimitReached'
  | 'Timeout';

export interface SampledValue201 {
  value: number;
  context?: string;
  measurand?: string;
  phase?: string;
  location?: string;
  unitOfMeasure?: { unit?: string; multiplier?: number };
}

export interface MeterValue201 {
  timestamp: string;
  sampledValue: SampledValue201[];
}

// Station → CSMS.
export interface BootNotificationReq201 {
  reason: string;
  chargingStation: { model: string; vendorName: string; firmwareVersion?: string; serialNumber?: string };
}
export interface BootNotificationConf201 {
  status: 'Accepted' | 'Pending' | 'Rejected';
  currentTime: string;
  interval: number;
}
export interface HeartbeatConf201 {
  currentTime: string;
}
export interface StatusNotificationReq201 {
  timestamp: string;
  connectorStatus: ConnectorStatus201;
  evseId: number;
  connectorId: number;
}
export interface AuthorizeReq201 {
  idToken: IdToken201;
}
export interface AuthorizeConf201 {
  idTokenInfo: IdTokenInfo201;
}
export interface TransactionEventReq201 {
  eventType: 'Started' | 'Updated' | 'Ended';
  timestamp: string;
  triggerReason: string;
  seqNo: number;
  offline?: boolean;
  transactionInfo: {
    transactionId: string;
    chargingState?: string;
    stoppedReason?: StopReason201;
    remoteStartId?: number;
  };
  idToken?: IdToken201;
  evse?: Evse201;
  meterValue?: MeterValue201[];
  // OCPP 2.1 only: what the station itself worked out from its tariff.
  costDetails?: CostDetails21;
}
export interface CostDetails21 {
  totalCost: { currency: string; typeOfCost: string; total: { exclTax?: number; inclTax?: number } };
  totalUsage: { energy: number; chargingTime: number; idleTime: number };
  failureToCalculate?: boolean;
  failureReason?: string;
}
export interface TransactionEventConf201 {
  idTokenInfo?: IdTokenInfo201;
  // OCPP 2.1 only.
  transactionLimit?: { maxCost?: number; maxEnergy?: number };
}
export interface MeterValuesReq201 {
  evseId: number;
  meterValue: MeterValue201[];
}
export interface DataTransferReq201 {
  vendorId: string;
  messageId?: string;
  data?: unknown;
}
export interface DataTransferConf201 {
  status: 'Accepted' | 'Rejected' | 'UnknownMessageId' | 'UnknownVendorId';
}
export type EmptyConf201 = Record<string, never>;

// CSMS → station.
type GenericStatus = 'Accepted' | 'Rejected';

export interface Ocpp201Commands {
  RequestStartTransaction: {
    req: { evseId?: number; remoteStartId: number; idToken: IdToken201 };
    conf: { status: GenericStatus; transactionId?: string };
  };
  RequestStopTransaction: { req: { transactionId: string }; conf: { status: GenericStatus } };
  GetTransactionStatus: { req: { transactionId?: string }; conf: { ongoingIndicator?: boolean; messagesInQueue: boolean } };
  SetVariables: {
    req: {
      setVariableData: { component: { name: string }; variable: { name: string }; attributeValue: string }[];
    };
    conf: {
      setVariableResult: {
        attributeStatus:
          | 'Accepted'
          | 'Rejected'
          | 'UnknownComponent'
          | 'UnknownVariable'
          | 'NotSupportedAttributeType'
          | 'RebootRequired';
        component: { name: string };
        variable: { name: string };
      }[];
    };
  };
  TriggerMessage: {
    req: { requestedMessage: 'StatusNotification' | 'BootNotification' | 'Heartbeat' | 'MeterValues'; evse?: Evse201 };
    conf: { status: GenericStatus | 'NotImplemented' };
  };
  Reset: { req: { type: 'Immediate' | 'OnIdle' }; conf: { status: GenericStatus | 'Scheduled' } };
  UnlockConnector: {
    req: { evseId: number; connectorId: number };
    conf: { status: 'Unlocked' | 'UnlockFailed' | 'OngoingAuthorizedTransaction' | 'UnknownConnector' };
  };
  ChangeAvailability: {
    req: { operationalStatus: 'Inoperative' | 'Operative'; evse?: Evse201 };
    conf: { status: GenericStatus | 'Scheduled' };
  };
}
