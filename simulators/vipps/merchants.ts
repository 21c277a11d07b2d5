export type Currency = 'NOK' | 'DKK' | 'EUR';

/** One sales unit: the keys a merchant gets from the business portal, plus the switches Vipps sets per unit. */
export interface SimMerchant {
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  /** Vipps hands out a primary and a secondary key; both are accepted. */
  secondarySubscriptionKey?: string;
  /** Merchant-Serial-Number, 4 to 7 digits. */
  msn: string;
  name: string;
  /** The sales unit's market currency (ePayment 5040 on any other). Default NOK. */
  currency?: Currency;
  /** Some sales units must capture the full amount at once (ePayment 6140). Default false. */
  mustCaptureFullAmount?: boolean;
  /** PUSH_MESSAGE needs approval per sales unit (ePayment 5080). Default true. */
  allowPushMessage?: boolean;
  /** Long-living payments (`expiresAt`) need approval per sales unit (ePayment 5050). Default false. */
  allowLongLivingPayments?: boolean;
}

/** Fixed, documented credentials of the demo merchant the CLI and `npm start` use. */
export const DEMO_MERCHANT: Readonly<SimMerchant> = Object.freeze({
  clientId: 'ladepay-demo-client-id',
  clientSecret: 'ladepay-demo-client-secret',
  subscriptionKey: 'ladepay-demo-subscription-key',
  msn: '123456',
  name: 'Ladepay Demo Lading AS',
});

export function merchantCurrency(merchant: SimMerchant): Currency {
  return merchant.currency ?? 'NOK';
}

export function acceptsSubscriptionKey(merchant: SimMerchant, key: string | undefined): boolean {
  return key !== undefined && (key === merchant.subscriptionKey || key === merchant.secondarySubscriptionKey);
}

export function checkMerchants(merchants: readonly SimMerchant[]): void {
  const seen = new Set<string>();
  for (const merchant of merchants) {
    if (!/^[0-9]{4,7}$/.test(merchant.msn)) throw new Error(`merchant msn must be 4-7 digits: ${merchant.msn}`);
    if (seen.has(merchant.msn)) throw new Error(`two merchants share msn ${merchant.msn}`);
    seen.add(merchant.msn);
  }
  const keys = merchants.map((m) => m.subscriptionKey);
  if (new Set(keys).size !== keys.length) throw new Error('two merchants share a subscription key');
}
