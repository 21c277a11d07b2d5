import type { ConnectorDataError } from '../../../../core/feed/connector-data.ts';
import type { HoursError } from '../../../../core/feed/opening-hours.ts';
import type { SiteDataError } from '../../../../core/feed/site-data.ts';
import type { FeedMessages } from './feed-messages.ts';

const DAYS = ['Mandag', 'Tirsdag', 'Onsdag', 'Torsdag', 'Fredag', 'Lørdag', 'Søndag'];

function hoursError(e: HoursError): string {
  const day = e.weekday ? `${DAYS[e.weekday - 1]}: ` : '';
  switch (e.code) {
    case 'not_hours':
    case 'no_periods':
      return 'Oppgi minst én periode, eller åpent hele døgnet.';
    case 'too_many_periods':
      return `${day}høyst 4 perioder per dag.`;
    case 'bad_weekday':
      return 'Ukedagene er 1 (mandag) til 7 (søndag).';
    case 'bad_time':
      return `${day}tider skrives TT:MM, fra 00:00 til 23:59.`;
    case 'end_not_after_begin':
      return `${day}en periode slutter etter at den begynner, samme dag (senest 23:59).`;
    case 'overlap':
      return `${day}to perioder overlapper.`;
  }
}

function siteError(e: SiteDataError): string {
  switch (e.code) {
    case 'too_long':
      return `Høyst ${e.limit} tegn.`;
    case 'bad_postal_code':
      return e.country === 'NO' ? 'Et norsk postnummer har 4 sifre.' : 'Et postnummer er 2 til 10 bokstaver, sifre, mellomrom eller bindestreker.';
    case 'bad_country':
      return `«${e.value}» er ikke en landkode etter ISO 3166-1 alpha-2 (NO, SE …).`;
    case 'bad_coordinate':
      return `Et desimaltall fra -${e.limit} til ${e.limit} med punktum og høyst 6 desimaler (59.906900).`;
    case 'missing_coordinate':
      return 'Breddegrad og lengdegrad hører sammen: oppgi begge, eller ingen.';
    case 'bad_time_zone':
      return `«${e.value}» er ikke en IANA-tidssone (Europe/Oslo …).`;
    case 'bad_hours':
      return e.hours ? hoursError(e.hours) : 'Ikke åpningstider.';
    case 'unknown_value':
      return `«${e.value}» er ikke en av OCPI-verdiene.`;
  }
}

function connectorError(e: ConnectorDataError): string {
  switch (e.code) {
    case 'unknown_value':
      return `«${e.value}» er ikke en av verdiene som kan brukes.`;
    case 'not_for_type':
      return `${e.value} passer ikke til en ${e.type}-kontakt.`;
    case 'out_of_range':
      return `Et heltall fra ${e.min} til ${e.max}.`;
    case 'power_exceeds':
      return `Effekten er høyere enn spenningen og strømmen gir (${String((e.ratedW ?? 0) / 1000).replace('.', ',')} kW): endre effekten, spenningen eller strømmen.`;
    case 'required':
      return 'Må fylles ut.';
  }
}

export const feedNb: FeedMessages = {
  title: 'Ladepunktdata (OCPI, DATEX II)',
  complete: 'Komplett',
  notShared: (missing) => `Deles ikke: mangler ${missing}`,
  notSharedShort: 'Deles ikke',
  missing: {
    coordinates: 'koordinater',
    city: 'poststed',
    postalCode: 'postnummer',
    country: 'land',
    timeZone: 'tidssone',
    openingHours: 'åpningstider',
    parkingType: 'parkeringstype',
    connectors: 'kontakter',
    partyId: 'part-ID',
    standard: 'standard',
    format: 'utførelse',
    powerType: 'strømtype',
    maxVoltage: 'maks spenning',
    maxAmperage: 'maks strøm',
    maxPowerW: 'maks effekt',
  },
  connectorMissing: (code, fields) => `kontakt ${code}: ${fields}`,
  column: 'Deling',
  city: 'Poststed',
  postalCode: 'Postnummer',
  country: 'Land',
  countryHint: 'ISO-kode, f.eks. NO',
  latitude: 'Breddegrad',
  longitude: 'Lengdegrad',
  coordinatesHint: 'desimalgrader med punktum, høyst 6 desimaler, f.eks. 59.906900',
  timeZone: 'Tidssone',
  timeZoneHint: 'IANA, f.eks. Europe/Oslo',
  openingHours: 'Åpningstider',
  twentyFourSeven: 'Åpent hele døgnet (24/7)',
  hoursHint: 'lokal tid, f.eks. 07:00–22:00, flere skilt med komma; tomt: stengt. Alt tomt og ikke 24/7: ukjent',
  weekdays: ['Mandag', 'Tirsdag', 'Onsdag', 'Torsdag', 'Fredag', 'Lørdag', 'Søndag'],
  badDayText: 'Skriv periodene som 07:00–22:00, skilt med komma.',
  parkingType: 'Parkeringstype',
  notKnown: '(ukjent)',
  parkingRestrictions: 'Parkeringsbegrensninger',
  facilities: 'I nærheten',
  ownerName: 'Eier',
  ownerHint: 'bare når det ikke er operatøren',
  parkingTypes: {
    ALONG_MOTORWAY: 'Langs motorvei',
    PARKING_GARAGE: 'Parkeringshus',
    PARKING_LOT: 'Parkeringsplass',
    ON_DRIVEWAY: 'I innkjørsel',
    ON_STREET: 'Gateparkering',
    UNDERGROUND_GARAGE: 'Parkeringskjeller',
  },
  restrictions: {
    EV_ONLY: 'Kun elbiler',
    PLUGGED: 'Kun under lading',
    DISABLED: 'Reservert for forflytningshemmede',
    CUSTOMERS: 'Kun for kunder',
    MOTORCYCLES: 'Kun motorsykler og scootere',
  },
  facilityNames: {
    HOTEL: 'Hotell',
    RESTAURANT: 'Restaurant',
    CAFE: 'Kafé',
    MALL: 'Kjøpesenter',
    SUPERMARKET: 'Dagligvarebutikk',
    SPORT: 'Idrettsanlegg',
    RECREATION_AREA: 'Friområde',
    NATURE: 'Natur eller park',
    MUSEUM: 'Museum',
    BIKE_SHARING: 'Bysykler',
    BUS_STOP: 'Bussholdeplass',
    TAXI_STAND: 'Taxiholdeplass',
    TRAM_STOP: 'Trikkeholdeplass',
    METRO_STATION: 'T-banestasjon',
    TRAIN_STATION: 'Togstasjon',
    AIRPORT: 'Flyplass',
    PARKING_LOT: 'Parkeringsplass',
    CARPOOL_PARKING: 'Samkjøringsparkering',
    FUEL_STATION: 'Bensinstasjon',
    WIFI: 'Wi-Fi',
  },
  standard: 'Standard',
  format: 'Utførelse',
  formats: { SOCKET: 'Uttak (egen kabel)', CABLE: 'Fast kabel' },
  powerType: 'Strømtype',
  powerTypes: { AC_1_PHASE: 'AC, 1-fase', AC_2_PHASE: 'AC, 2-fase', AC_2_PHASE_SPLIT: 'AC, delt fase', AC_3_PHASE: 'AC, 3-fase', DC: 'DC' },
  maxVoltage: 'Maks V',
  maxAmperage: 'Maks A',
  cardTerminal: 'Kortterminal',
  evseId: 'EVSE-ID',
  evseIdLater: 'lages når stedet er komplett',
  operator: 'Operatør',
  partyId: 'Part-ID',
  noPartyId: 'ikke satt (OCPI_PARTY_ID)',
  helpLine: 'Hjelpetelefon',
  noHelpLine: 'ingen (SUPPORT_PHONE)',
  evses: 'Kontakter (EVSE-er)',
  siteError,
  connectorError,
};
