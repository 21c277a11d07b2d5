import type { Session } from '../../../core/session/session.ts';
import type { Connector, Site, Station } from '../../../usecases/ports/operator-stations.ts';
import type { TariffEntry } from '../../../usecases/ports/operator-tariffs.ts';
import { tariffView as tariffPrices } from '../../../usecases/session-view.ts';
import { costSoFar, energyWh } from '../console/session-figures.ts';
import { ocppUrl } from '../console/station-forms.ts';
import { landingUrl } from '../console/sticker-qr.ts';

// The operator's read models as the API shows them, with the links a client
// needs (landing page, OCPP URL) added.

export function siteView(s: Site) {
  return {
    id: s.id,
    name: s.name,
    address: s.address,
    disabled: s.disabled,
    createdAt: s.createdAt,
    city: s.city,
    postalCode: s.postalCode,
    country: s.country,
    coordinates: s.coordinates,
    timeZone: s.timeZone,
    openingHours: s.openingHours,
    parkingType: s.parkingType,
    parkingRestrictions: s.parkingRestrictions,
    facilities: s.facilities,
    ownerName: s.ownerName,
  };
}

export function connectorView(c: Connector, publicUrl: string) {
  return {
    id: c.id,
    stationId: c.stationId,
    connectorNo: c.connectorNo,
    code: c.code,
    landingUrl: landingUrl(publicUrl, c.code),
    type: c.type,
    maxPowerW: c.maxPowerW,
    status: c.status,
    errorCode: c.errorCode,
    statusAt: c.statusAt,
    disabled: c.disabled,
    standard: c.standard,
    format: c.format,
    powerType: c.powerType,
    maxVoltage: c.maxVoltage,
    maxAmperage: c.maxAmperage,
    cardTerminal: c.cardTerminal,
    evseId: c.evseId,
  };
}

export function stationView(s: Station, connectors: readonly Connector[], publicUrl: string) {
  return {
    id: s.id,
    siteId: s.siteId,
    name: s.name,
    online: s.online,
    lastSeenAt: s.lastSeenAt,
    protocol: s.protocol,
    vendor: s.vendor,
    model: s.model,
    firmware: s.firmware,
    serialNumber: s.serialNumber,
    lastBootAt: s.lastBootAt,
    disabled: s.disabled,
    createdAt: s.createdAt,
    priceDisplay: s.priceDisplay,
    displaySupport: s.displaySupport,
    ocppUrl: ocppUrl(publicUrl, s.id),
    connectors: connectors.filter((c) => c.stationId === s.id).map((c) => connectorView(c, publicUrl)),
  };
}

// The prices flat beside the entry's own fields; the currency is left out, as
// Ladepay prices in one.
export function tariffView(e: TariffEntry) {
  const t = e.tariff;
  return {
    id: e.id,
    siteId: e.siteId,
    connectorId: e.connectorId,
    powerClass: e.powerClass,
    periods: e.periods.map((p) => ({ days: p.days, from: p.from, to: p.to, ...p.prices })),
    name: e.name,
    ...tariffPrices(t),
    validFrom: e.validFrom,
    createdAt: e.createdAt,
  };
}

// The driver's secret token stays out: it opens the status page. The lines
// and totals are the stored bill's, as they are.
export function sessionView(s: Session, now: Date) {
  return {
    id: s.id,
    reference: s.reference,
    state: s.state,
    stationId: s.stationId,
    connectorId: s.connectorId,
    connectorNo: s.connectorNo,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    chargingStartedAt: s.chargingStartedAt ?? null,
    endedAt: s.endedAt ?? null,
    stopSource: s.stopSource ?? null,
    failure: s.failure ?? null,
    energyWh: energyWh(s),
    costOre: costSoFar(s, now) ?? null,
    maxAmountOre: s.maxAmountOre,
    authorizedOre: s.authorizedOre,
    capturedOre: s.capturedOre,
    cancelledOre: s.cancelledOre,
    refundedOre: s.refundedOre,
    receipt: s.receipt,
    flags: s.flags,
    lines: s.priced ? s.priced.lines.map((l) => ({ ...l })) : [],
    totalOre: s.priced?.totalOre ?? null,
    vatOre: s.priced?.vatOre ?? null,
    netOre: s.priced?.netOre ?? null,
    review: s.review ? { ...s.review } : null,
    implausibleReadings: (s.meterRejections ?? []).map((r) => ({ ...r })),
    implausibleReadingCount: s.meterRejectedCount ?? 0,
  };
}
