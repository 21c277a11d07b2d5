import type { ConnectorStandard, ParkingType } from '../feed/feed-vocabulary.ts';
import type { PublishedEvse, PublishedOperator, PublishedSite, PublishedStation } from '../feed/published-site.ts';
import { streetOf } from '../ocpi/ocpi-text.ts';
import { datexTime, enumValue, externalId, text, type JsonObject } from './datex2-json.ts';
import { hoursId, operatorId, pointChangedAt, pointId, siteChangedAt, stationChangedAt, stationId, siteId } from './datex2-ids.ts';
import { adHocRate, type PaymentOptions } from './energy-rate.ts';
import { operatingHours } from './operating-hours.ts';
import { standardUtcOffset } from './utc-offset.ts';

// One site of the static DATEX II table (EnergyInfrastructureSite, its
// stations and their refill points; AFIR profile 01-00-00, docs/datex2.md).
// Each Ladepay connector is a refill point with one connector.

const CONNECTOR_TYPES: Partial<Readonly<Record<ConnectorStandard, string>>> = {
  CHADEMO: 'chademo',
  DOMESTIC_A: 'domesticA',
  DOMESTIC_B: 'domesticB',
  DOMESTIC_C: 'domesticC',
  DOMESTIC_D: 'domesticD',
  DOMESTIC_E: 'domesticE',
  DOMESTIC_F: 'domesticF',
  DOMESTIC_G: 'domesticG',
  DOMESTIC_H: 'domesticH',
  DOMESTIC_I: 'domesticI',
  DOMESTIC_J: 'domesticJ',
  DOMESTIC_K: 'domesticK',
  DOMESTIC_L: 'domesticL',
  DOMESTIC_M: 'domesticM',
  DOMESTIC_N: 'domesticN',
  DOMESTIC_O: 'domesticO',
  IEC_60309_2_single_16: 'iec60309x2single16',
  IEC_60309_2_three_16: 'iec60309x2three16',
  IEC_60309_2_three_32: 'iec60309x2three32',
  IEC_60309_2_three_64: 'iec60309x2three64',
  IEC_62196_T1: 'iec62196T1',
  IEC_62196_T1_COMBO: 'iec62196T1COMBO',
  IEC_62196_T2: 'iec62196T2',
  IEC_62196_T2_COMBO: 'iec62196T2COMBO',
  IEC_62196_T3A: 'iec62196T3A',
  IEC_62196_T3C: 'iec62196T3C',
  PANTOGRAPH_BOTTOM_UP: 'pantographBottomUp',
  PANTOGRAPH_TOP_DOWN: 'pantographTopDown',
  TESLA_R: 'teslaR',
  TESLA_S: 'teslaS',
};

// EnergyInfrastructureSiteTypeEnum from OCPI's ParkingType.
const SITE_TYPES: Readonly<Record<ParkingType, string>> = {
  ALONG_MOTORWAY: 'openSpace',
  PARKING_GARAGE: 'inBuilding',
  PARKING_LOT: 'openSpace',
  ON_DRIVEWAY: 'other',
  ON_STREET: 'onstreet',
  UNDERGROUND_GARAGE: 'inBuilding',
};

function connector(evse: PublishedEvse): JsonObject {
  const c = evse.connector;
  const type = CONNECTOR_TYPES[c.standard];
  return {
    connectorType: enumValue(type ?? 'other'),
    ...(type === undefined ? { otherConnector: c.standard } : {}),
    // A fixed cable on an AC point is mode 3; a DC charger's cable is none of the enumeration's AC modes.
    connectorFormat: enumValue(c.format === 'SOCKET' ? 'socket' : c.powerType === 'DC' ? 'otherCable' : 'cableMode3'),
    maxPowerAtSocket: c.maxPowerW,
    // As OCPI has them: volts line to neutral for three phases.
    voltage: c.maxVoltage,
    maximumCurrent: c.maxAmperage,
  };
}

function refillPoint(evse: PublishedEvse, operator: PublishedOperator, o: PaymentOptions): JsonObject {
  const c = evse.connector;
  const version = datexTime(pointChangedAt(evse));
  const rate = adHocRate(evse, operator, o);
  const mode = c.powerType === 'DC' ? 'mode4DC' : c.powerType === 'AC_3_PHASE' ? 'mode3AC3p' : undefined;
  return {
    aegiElectricChargingPoint: {
      idG: pointId(evse),
      versionG: version,
      lastUpdated: version,
      externalIdentifier: [externalId(evse.evseId, 'evseId')],
      // The page the sticker's QR code opens: the price, the status, and paying with Vipps.
      informationWebsite: [{ urlLinkAddress: evse.landingUrl }],
      deliveryUnit: enumValue('kWh'),
      currentType: enumValue(c.powerType === 'DC' ? 'dc' : 'ac'),
      numberOfConnectors: 1,
      availableChargingPower: [c.maxPowerW],
      ...(mode ? { chargingMode: enumValue(mode) } : {}),
      // Ladepay watches every point over OCPP.
      smartRechargingServices: [enumValue('remoteMonitoring')],
      connector: [connector(evse)],
      ...(rate ? { electricEnergy: [{ energyRate: [rate] }] } : {}),
    },
  };
}

function operatorOrganisation(o: PublishedOperator): JsonObject {
  return {
    afacAnOrganisation: {
      name: text(o.name),
      legalName: text(o.name),
      ...(o.email ? { organisationUnit: [{ contactInformation: [{ afacContactInformation: { eMail: o.email } }] }] } : {}),
      externalIdentifier: [externalId(operatorId(o), 'operatorId')],
    },
  };
}

// The help line (AFIR art. 20): the phone goes in an organisation unit's contact information.
function helpdesk(o: PublishedOperator): JsonObject {
  const contact = { ...(o.helpLine ? { telephoneNumber: o.helpLine } : {}), ...(o.email ? { eMail: o.email } : {}) };
  return { afacAnOrganisation: { name: text(o.name), ...(Object.keys(contact).length > 0 ? { organisationUnit: [{ contactInformation: [{ afacContactInformation: contact }] }] } : {}) } };
}

function location(site: PublishedSite, at: string): JsonObject {
  const d = site.data;
  const street = streetOf(site.address, d.postalCode, d.city);
  return {
    locPointLocation: {
      pointByCoordinates: { pointCoordinates: { latitude: Number(d.coordinates.latitude), longitude: Number(d.coordinates.longitude) } },
      locLocationExtensionG: {
        FacilityLocation: {
          timeZone: standardUtcOffset(d.timeZone, new Date(at).getUTCFullYear()),
          address: { postcode: d.postalCode, city: text(d.city), countryCode: d.country, addressLine: [{ order: 0, type: enumValue('street'), text: text(street) }] },
          // NUTS 1 of Norway (Eurostat): the whole country is one region.
          ...(d.country === 'NO' ? { nutsArea: [{ nutsCodeType: enumValue('nuts1Code'), nutsCode: 'NO0' }] } : {}),
        },
      },
    },
  };
}

function station(site: PublishedSite, s: PublishedStation, operator: PublishedOperator, at: string, o: PaymentOptions): JsonObject {
  const version = datexTime(stationChangedAt(s));
  const terminal = s.evses.filter((e) => e.connector.cardTerminal).length;
  return {
    idG: stationId(operator, s),
    versionG: version,
    name: text(s.name),
    lastUpdated: version,
    operatingHours: operatingHours(site.data.openingHours, hoursId(operator, site, s), site.updatedAt),
    locationReference: location(site, at),
    operator: operatorOrganisation(operator),
    helpdesk: helpdesk(operator),
    // Cars and vans: what a public charger's parking space takes, unless the site says otherwise.
    applicableForVehicles: [{ comVehicleCharacteristicsExtensionG: { euVehicleCategory: [enumValue('m1'), enumValue('n1')] } }],
    ...(roofed(site) ? { amenities: { roofed: true } } : {}),
    ...(terminal > 0 ? { supplementalFacility: [{ afacSupplementalEquipment: { idG: `${stationId(operator, s)}/payment-machine`, versionG: version, equipmentType: enumValue('paymentMachine'), quantity: terminal } }] } : {}),
    // The points' sum: Ladepay knows no lower limit of the grid connection.
    totalMaximumPower: s.evses.reduce((sum, e) => sum + e.connector.maxPowerW, 0),
    authenticationAndIdentificationMethods: [enumValue('website'), ...(terminal > 0 ? [enumValue('creditCard'), enumValue('debitCard')] : [])],
    numberOfRefillPoints: s.evses.length,
    userInterfaceLanguage: ['nb', 'en'],
    serviceType: [{ serviceType: enumValue('unattended') }],
    refillPoint: s.evses.map((e) => refillPoint(e, operator, o)),
    // Nothing is claimed of the energy's origin (docs/datex2.md).
    electricEnergy: [{ isGreenEnergy: false }],
  };
}

// A garage has a roof; of other sites Ladepay does not know it (docs/datex2.md).
function roofed(site: PublishedSite): boolean {
  return site.data.parkingType === 'PARKING_GARAGE' || site.data.parkingType === 'UNDERGROUND_GARAGE';
}

/**
 * What the profile wants said of every site, whether there or not (the rev. 2
 * example lists absent ones as `notAvailable`): catering is there when the
 * site lists a restaurant or a café; of the rest Ladepay knows nothing, and
 * says `unknown`.
 */
function facilities(site: PublishedSite, operator: PublishedOperator): JsonObject[] {
  const version = datexTime(site.updatedAt);
  const id = (name: string) => `${siteId(operator, site)}/${name}`;
  const catering = site.data.facilities.some((f) => f === 'RESTAURANT' || f === 'CAFE');
  return [
    { afacSupplementalServiceFacility: { idG: id('catering'), versionG: version, serviceFacilityType: enumValue('cateringService'), availability: enumValue(catering ? 'available' : 'unknown') } },
    { afacSupplementalEquipment: { idG: id('bathroom'), versionG: version, equipmentType: enumValue('bathRoom'), availability: enumValue('unknown') } },
    { afacSupplementalEquipment: { idG: id('resting'), versionG: version, equipmentType: enumValue('restingFacilities'), availability: enumValue('unknown') } },
  ];
}

export function tableSite(site: PublishedSite, operator: PublishedOperator, at: string, o: PaymentOptions): JsonObject {
  const version = datexTime(siteChangedAt(site));
  return {
    idG: siteId(operator, site),
    versionG: version,
    name: text(site.name),
    lastUpdated: version,
    operatingHours: operatingHours(site.data.openingHours, hoursId(operator, site), site.updatedAt),
    locationReference: location(site, at),
    operator: operatorOrganisation(operator),
    typeOfSite: enumValue(SITE_TYPES[site.data.parkingType]),
    supplementalFacility: facilities(site, operator),
    energyInfrastructureStation: site.stations.map((s) => station(site, s, operator, at, o)),
  };
}
