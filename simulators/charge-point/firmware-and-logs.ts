import type { StationView } from './station-view.ts';

// Firmware updates and diagnostics (2.0.1: log) uploads, as a station reports
// them: OCPP 1.6 §5.19 UpdateFirmware → FirmwareStatusNotification and §5.9
// GetDiagnostics → DiagnosticsStatusNotification; 2.0.1 L01 UpdateFirmware →
// FirmwareStatusNotification and N01 GetLog → LogStatusNotification, both
// with the request's id. Nothing is downloaded or uploaded: each status is
// sent in turn once the one before is answered. A location containing "fail"
// fails (DownloadFailed / UploadFailed, 2.0.1 UploadFailure). The installed
// firmware is not booted into.

export interface FirmwareAndLogs {
  // What a triggered status notification says: the step under way, or Idle.
  firmwareStatus(): string;
  logStatus(): string;
  // Sends it (TriggerMessage).
  sendFirmwareStatus(): void;
  sendLogStatus(): void;
}

const FIRMWARE_STEPS = ['Downloading', 'Downloaded', 'Installing', 'Installed'];
const FIRMWARE_FAILS = ['Downloading', 'DownloadFailed'];

export function registerFirmwareAndLogs(view: StationView): FirmwareAndLogs {
  const link = view.link;
  const v16 = view.options.protocol === 'ocpp1.6';
  const logAction = v16 ? 'DiagnosticsStatusNotification' : 'LogStatusNotification';
  let firmware: { status: string; requestId?: number } = { status: 'Idle' };
  let log: { status: string; requestId?: number } = { status: 'Idle' };

  // The steps one after the other; the last one done, the station is idle again.
  async function report(action: string, steps: string[], requestId: number | undefined, set: (s: { status: string; requestId?: number }) => void): Promise<void> {
    for (const status of steps) {
      set({ status, ...(requestId !== undefined ? { requestId } : {}) });
      await link.fire(action, { status, ...(requestId !== undefined && !v16 ? { requestId } : {}) });
    }
    set({ status: 'Idle' });
  }

  // The download waits until retrieveAt in station time (paced like its timers).
  function at(retrieveAt: string, work: () => void): void {
    const scale = view.options.timeScale;
    const waitMs = Math.max(0, Date.parse(retrieveAt) - view.now().getTime());
    if (waitMs === 0 || scale === 0) return link.afterReply(work);
    setTimeout(work, waitMs / scale).unref();
  }

  const updateFirmware = (location: string, retrieveAt: string, requestId?: number) => {
    const steps = location.includes('fail') ? FIRMWARE_FAILS : FIRMWARE_STEPS;
    at(retrieveAt, () => void report('FirmwareStatusNotification', steps, requestId, (s) => (firmware = s)));
  };
  const upload = (location: string, requestId?: number) => {
    const failed = v16 ? 'UploadFailed' : 'UploadFailure';
    const steps = location.includes('fail') ? ['Uploading', failed] : ['Uploading', 'Uploaded'];
    link.afterReply(() => void report(logAction, steps, requestId, (s) => (log = s)));
  };
  const fileName = () => `${view.options.stationId}-${view.now().toISOString().replace(/[:.]/g, '')}.log`;

  if (v16) {
    link.handle('UpdateFirmware', (p) => {
      const { location, retrieveDate } = p as { location: string; retrieveDate: string };
      updateFirmware(location, retrieveDate);
      return {};
    });
    link.handle('GetDiagnostics', (p) => {
      upload((p as { location: string }).location);
      return { fileName: fileName() };
    });
  } else {
    link.handle('UpdateFirmware', (p) => {
      const { requestId, firmware: fw } = p as { requestId: number; firmware: { location: string; retrieveDateTime: string } };
      updateFirmware(fw.location, fw.retrieveDateTime, requestId);
      return { status: 'Accepted' };
    });
    link.handle('GetLog', (p) => {
      const { requestId, log: where } = p as { requestId: number; log: { remoteLocation: string } };
      upload(where.remoteLocation, requestId);
      return { status: 'Accepted', filename: fileName() };
    });
  }

  // 2.0.1 F06: a triggered notification while nothing is under way says Idle, without a requestId.
  const payload = (s: { status: string; requestId?: number }) => (s.requestId !== undefined && !v16 ? { status: s.status, requestId: s.requestId } : { status: s.status });
  return {
    firmwareStatus: () => firmware.status,
    logStatus: () => log.status,
    sendFirmwareStatus: () => void link.fire('FirmwareStatusNotification', payload(firmware)),
    sendLogStatus: () => void link.fire(logAction, payload(log)),
  };
}
