import type { PublishedEvse, PublishedOperator } from '../feed/published-site.ts';
import { hasIdleFee, type Tariff } from '../tariff.ts';
import { datexTime, enumValue, kroner, text, type JsonObject } from './datex2-json.ts';
import { rateId } from './datex2-ids.ts';

// The ad hoc price (AFIR art. 5 and 20) as a DATEX II energy rate (profile
// §5.6). All prices are what the driver pays, VAT included and said so
// (`taxIncluded`, `taxRate`). The entries of one rate apply together: energy
// per kWh, the start fee as a base price, the time price per minute of
// charging. The idle fee is not a price per minute of the session, which is
// all a `pricePerMinute` can say, so it is an `other` price with its cap and
// words saying how it is counted.

function vat(t: Tariff): JsonObject {
  return { taxIncluded: true, taxRate: t.vatRateBasisPoints / 100 };
}

function idleWords(t: Tariff): JsonObject {
  const cap = (t.idleCapOre / 100).toFixed(2);
  return text(`Tilkoblingsgebyr per minutt etter ladingen, fra ${t.idleGraceMinutes} min etter at ladingen stopper, høyst ${cap.replace('.', ',')} kr per økt.`, {
    en: `Idle fee per minute after charging, from ${t.idleGraceMinutes} min after charging stops, at most NOK ${cap} per session.`,
  });
}

export function energyPrices(t: Tariff): JsonObject[] {
  const prices: JsonObject[] = [{ priceType: enumValue('pricePerKWh'), value: kroner(t.perKwhOre), ...vat(t) }];
  if (t.startFeeOre > 0) prices.push({ priceType: enumValue('basePrice'), value: kroner(t.startFeeOre), ...vat(t) });
  // Billed per second of charging; per minute to 4 decimals.
  if (t.perHourOre > 0) prices.push({ priceType: enumValue('pricePerMinute'), value: Math.round(t.perHourOre / 0.6) / 10_000, ...vat(t) });
  if (hasIdleFee(t)) prices.push({ priceType: enumValue('other'), value: kroner(t.idlePerMinuteOre), priceCap: kroner(t.idleCapOre), ...vat(t), additionalInformation: idleWords(t) });
  return prices;
}

export interface PaymentOptions {
  cardPayments: boolean; // Vipps' card payment (ePayment CARD) offered on the landing page
}

/**
 * How an ad hoc charge is paid: scanning the sticker's QR code opens the
 * EVSE's landing page (`website`) where Vipps is chosen; Vipps is no brand the
 * enumeration has (profile §5.7: "other" and its name). A card terminal at the
 * EVSE takes payment cards.
 */
function payment(evse: PublishedEvse, o: PaymentOptions): JsonObject {
  const means = ['qrCode', 'website', ...(evse.connector.cardTerminal ? ['paymentCreditCard', 'paymentDebitCard'] : [])];
  const brands = ['other', ...(o.cardPayments ? ['visa', 'masterCard'] : [])];
  return { paymentMeans: means.map(enumValue), brandsAccepted: brands.map(enumValue), otherBrandsAccepted: ['Vipps'] };
}

/**
 * The static rate: the tariff's base prices, the ones in force outside every
 * period of the week. The price in force now, periods included, is in the
 * status publication's `energyRateUpdate`, which overrides it.
 */
export function adHocRate(evse: PublishedEvse, operator: PublishedOperator, o: PaymentOptions): JsonObject | undefined {
  const t = evse.tariff;
  if (t === undefined) return undefined;
  return {
    idG: rateId(operator, evse),
    ratePolicy: enumValue('adHoc'),
    lastUpdated: datexTime(t.since),
    applicableCurrency: [t.schedule.base.currency],
    payment: payment(evse, o),
    energyPrice: energyPrices(t.schedule.base),
  };
}

/** The price in force now, for the status publication. */
export function rateUpdate(evse: PublishedEvse, operator: PublishedOperator): JsonObject | undefined {
  const now = evse.priceNow;
  if (now === undefined) return undefined;
  return { lastUpdated: datexTime(now.since), energyRateReference: { targetClass: 'EnergyRate', idG: rateId(operator, evse) }, energyPrice: energyPrices(now.tariff) };
}
