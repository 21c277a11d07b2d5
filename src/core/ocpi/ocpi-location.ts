import { alpha3Of } from '../feed/country-codes.ts';
import type { OpeningHours } from '../feed/opening-hours.ts';
import { evsesOf, latest, type PublishedEvse, type PublishedOperator, type PublishedSite } from '../feed/published-site.ts';
import { ocpiEvseStatus } from './evse-status.ts';
import { cut, ocpiId, streetOf } from './ocpi-text.ts';
import type { OcpiCapability, OcpiConnector, OcpiEnergyMix, OcpiEvse, OcpiHours, OcpiLocation } from './ocpi-types.ts';

// The OCPI 2.2.1 Location of a published site, with its EVSEs and Connectors
// (mod_locations; docs/feed-mapping.md has every field). Each Ladepay
// connector is one EVSE with one Connector, whose id is always "1".

export const OCPI_CONNECTOR_ID = '1';

// Nothing is said of the energy's origin unless the operator says it: the
// Dutch NAP wants an energy_mix on every Location, and `is_green_energy: false`
// claims nothing ("true if 100% from regenerative sources").
export const NO_ENERGY_CLAIM: OcpiEnergyMix = Object.freeze({ is_green_energy: false });

export interface OcpiLocationOptions {
  energyMix?: OcpiEnergyMix;
}

function hoursOf(h: OpeningHours): OcpiHours {
  if (h.twentyFourSeven) return { twentyfourseven: true };
  return { twentyfourseven: false, regular_hours: h.regularHours.map((p) => ({ weekday: p.weekday, period_begin: p.periodBegin, period_end: p.periodEnd })) };
}

// A card terminal at the EVSE (docs/feed-data.md): OCPI names its payment
// terminal by what it takes; Ladepay knows only that it takes payment cards.
const CARD_TERMINAL: readonly OcpiCapability[] = ['CREDIT_CARD_PAYABLE', 'DEBIT_CARD_PAYABLE'];

/** The Location's id: the site's own, within CiString(36). */
export function ocpiLocationId(site: Pick<PublishedSite, 'id'>): string {
  return ocpiId(site.id);
}

export function ocpiConnector(evse: PublishedEvse, operator: PublishedOperator): OcpiConnector {
  const c = evse.connector;
  return {
    id: OCPI_CONNECTOR_ID,
    standard: c.standard,
    format: c.format,
    power_type: c.powerType,
    max_voltage: c.maxVoltage,
    max_amperage: c.maxAmperage,
    max_electric_power: c.maxPowerW,
    // Always sent, empty when nothing is sold here now: the Dutch NAP requires the field.
    tariff_ids: evse.tariff ? [evse.tariff.id] : [],
    terms_and_conditions: operator.termsUrl,
    // A new tariff in force changes tariff_ids.
    last_updated: latest(evse.describedAt, evse.tariff?.since ?? ''),
  };
}

export function ocpiEvse(site: PublishedSite, evse: PublishedEvse, operator: PublishedOperator): OcpiEvse {
  const connector = ocpiConnector(evse, operator);
  return {
    uid: evse.uid,
    evse_id: evse.evseId,
    status: ocpiEvseStatus(evse.status),
    ...(evse.connector.cardTerminal ? { capabilities: [...CARD_TERMINAL] } : {}),
    connectors: [connector],
    ...(evse.code.length <= 16 ? { physical_reference: evse.code } : {}),
    // OCPI keeps parking restrictions per EVSE; Ladepay per site. Always sent (the Dutch NAP requires it).
    parking_restrictions: [...site.data.parkingRestrictions],
    last_updated: latest(connector.last_updated, evse.statusAt),
  };
}

export function ocpiLocation(site: PublishedSite, operator: PublishedOperator, options: OcpiLocationOptions = {}): OcpiLocation {
  const d = site.data;
  const evses = evsesOf(site).map((e) => ocpiEvse(site, e, operator));
  return {
    country_code: operator.countryCode,
    party_id: operator.partyId,
    id: ocpiLocationId(site),
    publish: true,
    name: cut(site.name, 255),
    address: streetOf(site.address, d.postalCode, d.city),
    city: d.city,
    postal_code: d.postalCode,
    // Kept as alpha-2 and checked against the same list when entered.
    country: alpha3Of(d.country) ?? d.country,
    coordinates: { latitude: d.coordinates.latitude, longitude: d.coordinates.longitude },
    parking_type: d.parkingType,
    evses,
    operator: { name: cut(operator.name, 100) },
    ...(d.ownerName !== null ? { owner: { name: cut(d.ownerName, 100) } } : {}),
    ...(d.facilities.length > 0 ? { facilities: [...d.facilities] } : {}),
    time_zone: d.timeZone,
    opening_times: hoursOf(d.openingHours),
    energy_mix: options.energyMix ?? NO_ENERGY_CLAIM,
    // OCPI: a change of an EVSE or a Connector is a change of its Location.
    last_updated: latest(site.updatedAt, ...evses.map((e) => e.last_updated)),
  };
}
