import type { EnergyPrice } from './datex2-prices.ts';

// The parts of the AFIR DATEX II profile's publications (01-00-00,
// specs/datex2/01-00-00) that datex2-facts.ts reads, named as the profile's
// schemas name them: the table publication in its D2Payload, the status
// publication in its MessageContainer.

export interface Text {
  values: Array<{ lang?: string; value: string }>;
}
export interface Enum {
  value: string;
  extendedValueG?: string;
}
export interface Coordinates {
  latitude: number;
  longitude: number;
}
export interface LocationReference {
  locPointLocation?: { coordinatesForDisplay?: Coordinates; pointByCoordinates?: { pointCoordinates: Coordinates }; locLocationExtensionG?: { FacilityLocation?: FacilityLocation } };
  locAreaLocation?: { coordinatesForDisplay?: Coordinates; locLocationExtensionG?: { FacilityLocation?: FacilityLocation } };
}
export interface FacilityLocation {
  address?: { postcode?: string; city?: Text; countryCode?: string; addressLine?: Array<{ order: number; text: Text }> };
}
export interface OperatingHours {
  afacOpenAllHours?: object;
  afacOperatingHoursSpecification?: {
    overallPeriod?: {
      validPeriod?: Array<{
        recurringTimePeriodOfDay?: Array<{ startTimeOfPeriod: string; endTimeOfPeriod: string }>;
        recurringDayWeekMonthPeriod?: Array<{ comDayWeekMonth?: { applicableDay?: Enum[] } }>;
      }>;
    };
  };
}
export interface EnergyRate {
  idG: string;
  ratePolicy: Enum;
  energyPrice?: EnergyPrice[];
}
export interface ChargingPoint {
  idG: string;
  externalIdentifier?: Array<{ identifier: string; typeOfIdentifier: Enum }>;
  currentType?: Enum;
  availableChargingPower?: number[];
  connector?: Array<{ connectorType: Enum; otherConnector?: string; connectorFormat?: Enum; maxPowerAtSocket?: number; voltage?: number; maximumCurrent?: number }>;
  electricEnergy?: Array<{ energyRate?: EnergyRate[] }>;
}
export interface Station {
  idG: string;
  operatingHours?: OperatingHours;
  locationReference?: LocationReference;
  refillPoint?: Array<{ aegiElectricChargingPoint?: ChargingPoint }>;
}
export interface Site {
  idG: string;
  name?: Text;
  operatingHours?: OperatingHours;
  locationReference?: LocationReference;
  energyInfrastructureStation?: Station[];
}
export interface TableDocument {
  payload: { aegiEnergyInfrastructureTablePublication: { publicationTime: string; energyInfrastructureTable: Array<{ energyInfrastructureSite?: Site[] }> } };
}
export interface PointStatus {
  reference: { idG: string };
  status?: Enum;
  energyRateUpdate?: Array<{ energyRateReference: { idG: string }; energyPrice?: EnergyPrice[] }>;
}
export interface StatusDocument {
  messageContainer: {
    payload: Array<{
      aegiEnergyInfrastructureStatusPublication?: {
        publicationTime: string;
        energyInfrastructureSiteStatus?: Array<{ energyInfrastructureStationStatus?: Array<{ refillPointStatus?: Array<{ aegiElectricChargingPointStatus?: PointStatus }> }> }>;
      };
    }>;
    exchangeInformation?: { dynamicInformation?: { messageGenerationTimestamp?: string } };
  };
}
