import { amountOffer } from '../../src/core/amount-offer.ts';
import type { LandingView, SessionView, TariffView } from '../../src/usecases/ports/driver-views.ts';

// Fixed values for the driver's pages, for rendering tests.

export function aTariffView(overrides: Partial<TariffView> = {}): TariffView {
  return {
    perKwhOre: 499,
    startFeeOre: 1000,
    perHourOre: 0,
    idlePerMinuteOre: 100,
    idleGraceMinutes: 30,
    idleCapOre: 20000,
    vatRateBasisPoints: 2500,
    ...overrides,
  };
}

// The amounts the core offers for a tariff on a 50 kW connector: presets 200, 300 and 500 kr, typed
// amounts up to 1 000 kr, at least 10 kWh.
export function anAmountOffer(tariff: TariffView = aTariffView()): LandingView['amounts'] {
  const rules = { presetsOre: [20_000, 30_000, 50_000], defaultOre: 30_000, minOre: 10_000, maxOre: 100_000, usefulEnergyWh: 10_000 };
  return amountOffer({ currency: 'NOK', ...tariff }, rules, { maxPowerW: 50_000, meterIntervalSeconds: 60 });
}

export function aLandingView(overrides: Partial<LandingView> = {}): LandingView {
  const tariff = overrides.tariff ?? aTariffView();
  return {
    connectorCode: 'K7P2QX',
    siteName: 'Fjordparken',
    siteAddress: 'Strandveien 12, 5003 Bergen',
    stationName: 'Hurtiglader 2',
    connectorNo: 1,
    connectorType: 'CCS',
    maxPowerW: 50_000,
    status: 'available',
    canStart: true,
    tariff,
    amounts: anAmountOffer(tariff),
    energyAtFullPowerOnly: tariff.perHourOre > 0,
    cardPayments: false,
    operatorName: 'Fjordlading AS',
    termsUrl: '/terms',
    otherConnectors: [],
    ...overrides,
  };
}

export function aSessionView(overrides: Partial<SessionView> = {}): SessionView {
  return {
    token: 'tok_abcdefghijklmnop',
    phase: 'charging',
    reference: 'ladepay-k7p2qx-000123',
    stationName: 'Hurtiglader 2',
    siteName: 'Fjordparken',
    siteAddress: 'Strandveien 12, 5003 Bergen',
    connectorCode: 'K7P2QX',
    connectorNo: 1,
    maxAmountOre: 30_000,
    paymentMethod: 'WALLET',
    createdAt: '2026-11-26T10:00:00.000Z',
    chargingStartedAt: '2026-11-26T10:02:00.000Z',
    energyWh: 12_340,
    powerW: 48_200,
    socPercent: 54,
    runningCostOre: 7158,
    canStop: true,
    receipt: 'none',
    seller: { name: 'Fjordlading AS', orgNumber: '912345678', address: 'Bryggen 1, 5003 Bergen' },
    tariff: aTariffView(),
    version: 1,
    ...overrides,
  };
}

// A finished session: 12,34 kWh at 4,99 kr/kWh plus a 10 kr start fee,
// captured 71,58 kr of a 300 kr reservation, receipt number 42.
export function aFinishedSessionView(overrides: Partial<SessionView> = {}): SessionView {
  return aSessionView({
    phase: 'finished',
    endedAt: '2026-11-26T10:40:00.000Z',
    powerW: undefined,
    canStop: false,
    stopReason: 'driver',
    runningCostOre: 7158,
    receipt: 'sent',
    issuedReceipt: { number: 42, issuedAt: '2026-11-26T10:40:05.000Z' },
    final: {
      lines: [
        { kind: 'energy', quantity: 12_340, unitPriceOre: 499, amountOre: 6158, netOre: 4926, vatOre: 1232, vatRateBasisPoints: 2500 },
        { kind: 'start_fee', quantity: 1, unitPriceOre: 1000, amountOre: 1000, netOre: 800, vatOre: 200, vatRateBasisPoints: 2500 },
      ],
      totalOre: 7158,
      vatOre: 1432,
      netOre: 5726,
      capturedOre: 7158,
      releasedOre: 22_842,
      refundedOre: 0,
    },
    version: 9,
    ...overrides,
  });
}
