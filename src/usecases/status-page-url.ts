// The driver's status page of a session: the return from Vipps, the receipt's
// link in the Vipps app, and the QR code on the charger's screen.
export function statusPageUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/s/${token}`;
}
