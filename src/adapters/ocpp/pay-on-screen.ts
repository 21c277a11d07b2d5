import type { HandlerContext } from './handler-context.ts';
import type { DataTransferConf201, DataTransferReq201 } from './ocpp201-types.ts';
import type { StationConnection } from './station-connection.ts';

// The driver tapped "Pay" on the charger's screen (docs/display-payment.md):
// DataTransfer {vendorId "no.ladepay", messageId "PayWithVipps", data
// '{"evseId":1}'}. Answered once the one-time Vipps QR is on its way to the
// screen (Accepted) or cannot be (Rejected: no such EVSE, the connector busy
// or offline for sale, a screen without QR codes, Vipps unreachable).
export const LADEPAY_VENDOR = 'no.ladepay';
const PAY_WITH_VIPPS = 'PayWithVipps';

export async function payOnScreen(conn: StationConnection, ctx: HandlerContext, req: DataTransferReq201): Promise<DataTransferConf201> {
  const { stationId } = conn;
  if (req.messageId !== PAY_WITH_VIPPS) return { status: 'UnknownMessageId' };
  const evseId = evseOf(req.data);
  if (evseId === undefined || !ctx.events.paymentAsked) {
    ctx.logger.info({ stationId, messageId: req.messageId }, 'PayWithVipps without a valid evseId: rejected');
    return { status: 'Rejected' };
  }
  const { outcome, reason } = await ctx.events.paymentAsked(stationId, evseId);
  ctx.logger.info({ stationId, evseId, outcome, reason }, 'payment asked at the charger');
  return { status: outcome === 'accepted' ? 'Accepted' : 'Rejected' };
}

// data is a string in 1.6 and anything in 2.x: a JSON text or an object with evseId ≥ 1.
function evseOf(data: unknown): number | undefined {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || !('evseId' in value)) return undefined;
  const evseId = value.evseId;
  return Number.isSafeInteger(evseId) && (evseId as number) >= 1 && (evseId as number) <= 1000 ? (evseId as number) : undefined;
}
