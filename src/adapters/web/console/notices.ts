// Confirmations after a form's redirect, by code: the query carries only the
// code, so no text from the URL ever reaches the page.
const NOTICES: Record<string, string> = {
  'site-created': 'Site created.',
  'site-saved': 'Site saved.',
  'station-saved': 'Station saved.',
  'connector-added': 'Connector added.',
  'connector-saved': 'Connector saved.',
  'tariff-created': 'Tariff created.',
  stopped: 'Stop sent to the station.',
  'payment-cancelled': 'Payment cancelled at Vipps: nothing is reserved or charged, and the connector is free again.',
  settled: 'Session settled on its last meter value.',
  retried: 'The side effect will be tried again now.',
  refunded: 'Refund done.',
  'lockout-lifted': 'Lockout lifted: the address may try again.',
  'lockout-gone': 'That lockout was over or lifted already.',
  'refund-repeated': 'This refund was already made: nothing more was refunded.',
  reviewed: 'Decision recorded: the payment is being settled.',
};

export function noticeText(code: string): string | undefined {
  return NOTICES[code];
}
