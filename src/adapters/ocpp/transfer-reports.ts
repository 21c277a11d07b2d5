import type { HandlerContext } from './handler-context.ts';
import type { DiagnosticsStatusNotificationReq16, FirmwareStatusNotificationReq16 } from './ocpp16-operation-types.ts';
import type { FirmwareStatusNotificationReq201, LogStatusNotificationReq201 } from './ocpp201-operation-types.ts';
import type { StationConnection } from './station-connection.ts';

// A station's reports on a firmware update and a diagnostics upload as they
// progress: 1.6 §4.4 FirmwareStatusNotification and §4.3 DiagnosticsStatusNotification,
// 2.0.1 L01 FirmwareStatusNotification and N01 LogStatusNotification (with the
// request's id). Kept for the operator; the answer is empty either way.
export function registerTransferReports(conn: StationConnection, ctx: HandlerContext): void {
  const { stationId } = conn;
  const report = (kind: 'firmware' | 'diagnostics', status: string, requestId: number | undefined) =>
    ctx.reports.transferStatus({ stationId, kind, status, at: ctx.now(), ...(requestId !== undefined ? { requestId } : {}) });

  if (conn.protocol === 'ocpp1.6') {
    conn.handle<FirmwareStatusNotificationReq16, Record<string, never>>('FirmwareStatusNotification', async (req) => {
      await report('firmware', req.status, undefined);
      return {};
    });
    conn.handle<DiagnosticsStatusNotificationReq16, Record<string, never>>('DiagnosticsStatusNotification', async (req) => {
      await report('diagnostics', req.status, undefined);
      return {};
    });
    return;
  }
  conn.handle<FirmwareStatusNotificationReq201, Record<string, never>>('FirmwareStatusNotification', async (req) => {
    await report('firmware', req.status, req.requestId);
    return {};
  });
  conn.handle<LogStatusNotificationReq201, Record<string, never>>('LogStatusNotification', async (req) => {
    await report('diagnostics', req.status, req.requestId);
    return {};
  });
}
