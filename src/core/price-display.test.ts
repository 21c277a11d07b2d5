import { describe, expect, it } from 'vitest';
import { aTariff } from '../../test/support/tariff-builder.ts';
import {
  chargingPrice,
  defaultPrice,
  finalCostTexts,
  formatEnergy,
  formatMoney,
  idlePrice,
  kroner,
  languagesFor,
  tariffTexts,
  userPriceTexts,
} from './price-display.ts';

describe('price display: money and energy', () => {
  it.each([
    [500, '5,00 kr', 'NOK 5.00'],
    [35_000, '350,00 kr', 'NOK 350.00'],
    [123_456_78, '123 456,78 kr', 'NOK 123,456.78'],
    [7, '0,07 kr', 'NOK 0.07'],
    [0, '0,00 kr', 'NOK 0.00'],
  ])('%i øre is "%s" and "%s"', (ore, nb, en) => {
    expect(formatMoney(ore, 'nb')).toBe(nb);
    expect(formatMoney(ore, 'en')).toBe(en);
  });

  it.each([
    [6_624, '6,62 kWh', '6.62 kWh'],
    [6_625, '6,63 kWh', '6.63 kWh'],
    [1_234_000, '1 234,00 kWh', '1,234.00 kWh'],
  ])('%i Wh is "%s" and "%s"', (wh, nb, en) => {
    expect(formatEnergy(wh, 'nb')).toBe(nb);
    expect(formatEnergy(wh, 'en')).toBe(en);
  });

  it.each([
    [1_345, 2, 13.45],
    [1_345, 3, 13.45],
    [1_345, 1, 13.5],
    [1_344, 1, 13.4],
    [1_350, 0, 14],
    [1_349, 0, 13],
    [1_345, undefined, 13.45],
    [1_345, -1, 13],
    [1_345, 1.5, 13.45],
  ])('%i øre with %s decimals is %d kroner', (ore, decimals, expected) => {
    expect(kroner(ore, decimals)).toBe(expected);
  });
});

describe('price display: texts from the tariff', () => {
  it('names every component that costs something, energy first', () => {
    expect(tariffTexts(aTariff({ perKwhOre: 500 }))).toEqual({ nb: '5,00 kr/kWh', en: 'NOK 5.00/kWh' });
    const full = aTariff({ perKwhOre: 450, startFeeOre: 1_000, perHourOre: 6_000, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 30_000 });
    expect(tariffTexts(full)).toEqual({
      nb: '4,50 kr/kWh · start 10,00 kr · 60,00 kr/t · ventegebyr 1,00 kr/min etter 30 min',
      en: 'NOK 4.50/kWh · start fee NOK 10.00 · NOK 60.00/h · idle fee NOK 1.00/min after 30 min',
    });
  });

  it('gives the protocols the prices in kroner', () => {
    const t = aTariff({ perKwhOre: 499, startFeeOre: 1_000, perHourOre: 6_000, idlePerMinuteOre: 150, idleGraceMinutes: 15, idleCapOre: 10_000 });
    expect(chargingPrice(t)).toEqual({ kWhPrice: 4.99, hourPrice: 60, flatFee: 10 });
    expect(chargingPrice(t, 1)).toEqual({ kWhPrice: 5, hourPrice: 60, flatFee: 10 });
    expect(idlePrice(t)).toEqual({ graceMinutes: 15, hourPrice: 90 });
    expect(idlePrice(aTariff())).toBeUndefined();
  });

  it('shows the default price of a station, "from" the lowest when its connectors differ', () => {
    const five = aTariff({ perKwhOre: 500 });
    expect(defaultPrice([five, five])?.priceText).toEqual({
      nb: 'Skann QR-koden og betal med Vipps. 5,00 kr/kWh',
      en: 'Scan the QR code and pay with Vipps. NOK 5.00/kWh',
    });
    const mixed = defaultPrice([aTariff({ perKwhOre: 700 }), five]);
    expect(mixed?.tariff).toBe(five);
    expect(mixed?.priceText.nb).toBe('Skann QR-koden og betal med Vipps. Fra 5,00 kr/kWh');
    expect(mixed?.offlineText.en).toBe('The charger is offline: payment is not possible now');
    expect(defaultPrice([])).toBeUndefined();
  });

  it('shows the maximum and the price at the start, and the total and energy at the end', () => {
    expect(userPriceTexts(aTariff({ perKwhOre: 500 }), 35_000)).toEqual({ nb: 'Maks 350,00 kr · 5,00 kr/kWh', en: 'Max NOK 350.00 · NOK 5.00/kWh' });
    expect(finalCostTexts(3_310, 6_620)).toEqual({
      nb: 'Totalt 33,10 kr for 6,62 kWh. Kvittering: skann QR-koden',
      en: 'Total NOK 33.10 for 6.62 kWh. Receipt: scan the QR code',
    });
  });

  it('puts the driver’s language first', () => {
    expect(languagesFor('en')).toEqual(['en', 'nb']);
    expect(languagesFor(undefined)).toEqual(['nb', 'en']);
  });
});
