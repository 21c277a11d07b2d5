// OCPP 2.0.1 payloads of the operator's station operations (B06 GetVariables,
// F06 TriggerMessage, L01 UpdateFirmware, N01 GetLog), beside those in
// ocpp201-types.ts. These types never leave this folder.

interface StatusInfo201 {
  reasonCode: string;
  additionalInfo?: string;
}

export interface Ocpp201OperationCalls {
  GetVariables: {
    req: { getVariableData: { component: { name: string }; variable: { name: string } }[] };
    conf: {
      getVariableResult: {
        attributeStatus: 'Accepted' | 'Rejected' | 'UnknownComponent' | 'UnknownVariable' | 'NotSupportedAttributeType';
        attributeValue?: string;
        component: { name: string };
        variable: { name: string };
      }[];
    };
  };
  TriggerMessage: {
    req: {
      requestedMessage:
        | 'BootNotification'
        | 'LogStatusNotification'
        | 'FirmwareStatusNotification'
        | 'Heartbeat'
        | 'MeterValues'
        | 'StatusNotification';
      evse?: { id: number; connectorId?: number };
    };
    conf: { status: 'Accepted' | 'Rejected' | 'NotImplemented'; statusInfo?: StatusInfo201 };
  };
  UpdateFirmware: {
    req: { requestId: number; firmware: { location: string; retrieveDateTime: string }; retries?: number; retryInterval?: number };
    conf: { status: 'Accepted' | 'Rejected' | 'AcceptedCanceled' | 'InvalidCertificate' | 'RevokedCertificate'; statusInfo?: StatusInfo201 };
  };
  GetLog: {
    req: { logType: 'DiagnosticsLog' | 'SecurityLog'; requestId: number; log: { remoteLocation: string } };
    conf: { status: 'Accepted' | 'Rejected' | 'AcceptedCanceled'; filename?: string; statusInfo?: StatusInfo201 };
  };
}

export interface FirmwareStatusNotificationReq201 {
  status: string; // Downloading, Downloaded, Installing, Installed, DownloadFailed, InstallRebooting …
  requestId?: number;
}
export interface LogStatusNotificationReq201 {
  status: string; // Uploading, Uploaded, UploadFailure, Idle …
  requestId?: number;
}
