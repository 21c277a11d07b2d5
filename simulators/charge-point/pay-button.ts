import type { OcppLink } from './ocpp-link.ts';

// The "Pay" button on the charger's screen: the station asks the CSMS to
// start a payment for the EVSE (Ladepay shows a QR code to pay with Vipps).
// A vendor DataTransfer, the same in 1.6, 2.0.1 and 2.1.
export const PAY_VENDOR_ID = 'no.ladepay';
export const PAY_MESSAGE_ID = 'PayWithVipps';

export async function tapPay(link: OcppLink, evseId: number): Promise<string> {
  const answer = await link.call('DataTransfer', { vendorId: PAY_VENDOR_ID, messageId: PAY_MESSAGE_ID, data: JSON.stringify({ evseId }) });
  return (answer as { status: string }).status;
}
