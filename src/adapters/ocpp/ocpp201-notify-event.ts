import type { HandlerContext } from './handler-context.ts';
import type { StationConnection } from './station-connection.ts';

// OCPP 2.0.1 N07 NotifyEvent: a 2.0.1 StatusNotification says only "Faulted";
// the fault's detail comes as an event on the component's Problem variable
// (2.0.1 part 2, appendix 3: "Problem", a boolean). An event that reports a
// problem is passed on as a fault report of its EVSE (or of the whole station),
// its techCode and techInfo kept as the station sent them: a techCode that is
// one of the 1.6 ChargePointErrorCode names is the fault's code, any other the
// vendor's. A cleared problem says nothing the next status does not.

interface EventData201 {
  eventId: number;
  timestamp: string;
  actualValue: string;
  cleared?: boolean;
  techCode?: string;
  techInfo?: string;
  component: { name: string; evse?: { id: number; connectorId?: number } };
  variable: { name: string };
}

interface NotifyEventReq201 {
  generatedAt: string;
  seqNo: number;
  eventData: EventData201[];
}

const ERROR_CODES_16 = new Set([
  'ConnectorLockFailure',
  'EVCommunicationError',
  'GroundFailure',
  'HighTemperature',
  'InternalError',
  'OverCurrentFailure',
  'OverVoltage',
  'PowerMeterFailure',
  'PowerSwitchFailure',
  'ReaderFailure',
  'ResetFailure',
  'UnderVoltage',
  'WeakSignal',
  'OtherError',
]);

export function registerNotifyEvent(conn: StationConnection, ctx: HandlerContext): void {
  conn.handle<NotifyEventReq201, Record<string, never>>('NotifyEvent', async (req) => {
    for (const e of req.eventData) {
      if (e.variable.name !== 'Problem' || e.actualValue.toLowerCase() !== 'true' || e.cleared === true) continue;
      const code = e.techCode?.slice(0, 50);
      await ctx.events.connectorStatus({
        stationId: conn.stationId,
        connectorNo: e.component.evse?.id ?? 0,
        status: 'faulted',
        ...(code !== undefined ? (ERROR_CODES_16.has(code) ? { errorCode: code } : { vendorErrorCode: code }) : {}),
        ...(e.techInfo !== undefined ? { info: e.techInfo.slice(0, 500) } : {}),
        at: new Date(e.timestamp),
      });
    }
    return {};
  });
}
