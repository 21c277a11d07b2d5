// OCPP 1.6J payloads of the operator's station operations (Core, Firmware
// Management and Remote Trigger profiles), beside those in ocpp16-types.ts.
// These types never leave this folder.

export interface Ocpp16OperationCalls {
  GetConfiguration: {
    req: { key?: string[] };
    conf: { configurationKey?: { key: string; readonly: boolean; value?: string }[]; unknownKey?: string[] };
  };
  // §6.27: an empty answer; the station reports progress in FirmwareStatusNotification.
  UpdateFirmware: { req: { location: string; retrieveDate: string; retries?: number; retryInterval?: number }; conf: Record<string, never> };
  // §6.19: fileName absent when the station has nothing to upload.
  GetDiagnostics: { req: { location: string; retries?: number; retryInterval?: number }; conf: { fileName?: string } };
}

export type FirmwareStatus16 = 'Downloaded' | 'DownloadFailed' | 'Downloading' | 'Idle' | 'InstallationFailed' | 'Installing' | 'Installed';
export type DiagnosticsStatus16 = 'Idle' | 'Uploaded' | 'UploadFailed' | 'Uploading';

export interface FirmwareStatusNotificationReq16 {
  status: FirmwareStatus16;
}
export interface DiagnosticsStatusNotificationReq16 {
  status: DiagnosticsStatus16;
}
