// The AFIR DATEX II profile's rules that its schemas do not enforce
// (profile 01-00-00, documentation rev. 1 tables 2, 4 and 6 and the rev. 2
// annotated examples; docs/datex2.md lists them), checked on a publication.
// Each rule broken is one line naming where. Written from the profile, sharing
// nothing with Ladepay's mapping.
//
// Not checked, because Ladepay holds no such data yet (docs/datex2.md, "What
// the feed cannot say yet"): a station's `amenities` beyond a garage's roof,
// and its `dedicatedParkingSpaces`.

type Node = Record<string, unknown>;

const isObject = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Node => (isObject(v) ? v : {});

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;
const VERSION = /^(\d+|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2})$/;
const TIME_OF_DAY = /^\d{2}:\d{2}:\d{2}Z$/;

// Every value under these keys, anywhere in the document, with its path.
function walk(v: unknown, path: string, visit: (key: string, value: unknown, path: string) => void): void {
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`, visit));
  else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      visit(k, x, `${path}/${k}`);
      walk(x, `${path}/${k}`, visit);
    }
  }
}

function common(doc: unknown, problems: string[]): void {
  walk(doc, '', (key, value, path) => {
    if (['publicationTime', 'lastUpdated', 'overallStartTime', 'overallEndTime', 'messageGenerationTimestamp'].includes(key) && !(typeof value === 'string' && DATE_TIME.test(value))) problems.push(`${path}: a date-time with its offset`);
    if (key === 'versionG' && !(typeof value === 'string' && VERSION.test(value))) problems.push(`${path}: a version is a number or YYYY-MM-DDThh:mm:ss.sss±hh:mm`);
    if ((key === 'startTimeOfPeriod' || key === 'endTimeOfPeriod') && !(typeof value === 'string' && TIME_OF_DAY.test(value))) problems.push(`${path}: a time of day with Z`);
    if (key === 'lang' && !(typeof value === 'string' && /^[a-z]{2}$/.test(value))) problems.push(`${path}: lang is ISO 639-1, lowercase`);
    if (key === 'version') problems.push(`${path}: "version" where "versionG" is meant`);
    if (key === 'facilityLocation') problems.push(`${path}: FacilityLocation is capitalised`);
    if (key === 'applicableCurrency' && !list(value).every((c) => typeof c === 'string' && /^[A-Z]{3}$/.test(c))) problems.push(`${path}: ISO 4217 in capitals`);
    if (key === 'typeOfIdentifier' && !(obj(value).value === 'extendedG' && ['evseId', 'operatorId', 'providerId', 'stationIdBNetzA', 'operatorIdBNetzA'].includes(String(obj(value).extendedValueG)))) problems.push(`${path}: an external id type is extendedG with a known extended value`);
    // Wrappers of one choice hold exactly one.
    if (['operator', 'helpdesk', 'operatingHours', 'locationReference', 'newOperatingHours'].includes(key) && isObject(value) && Object.keys(value).length !== 1) problems.push(`${path}: one choice in the wrapper`);
    if (key === 'refillPoint' || key === 'refillPointStatus') list(value).forEach((p, i) => isObject(p) && Object.keys(p).length !== 1 && problems.push(`${path}/${i}: one choice in the wrapper`));
  });
}

function header(pub: Node, path: string, problems: string[]): void {
  if (typeof pub.lang !== 'string') problems.push(`${path}: lang`);
  if (typeof pub.publicationTime !== 'string') problems.push(`${path}: publicationTime`);
  const creator = obj(pub.publicationCreator);
  if (!(typeof creator.country === 'string' && /^[A-Z]{2}$/.test(creator.country))) problems.push(`${path}/publicationCreator/country: ISO 3166-1 alpha-2 in capitals`);
  if (typeof creator.nationalIdentifier !== 'string' || creator.nationalIdentifier === '' || creator.nationalIdentifier.includes('OrganisationXY')) problems.push(`${path}/publicationCreator/nationalIdentifier: the publisher's own`);
  if (!['real', 'test'].includes(String(obj(obj(pub.headerInformation).informationStatus).value))) problems.push(`${path}/headerInformation/informationStatus`);
}

function payloadHead(payload: Node, path: string, problems: string[]): void {
  if (payload.modelBaseVersionG !== '3') problems.push(`${path}/modelBaseVersionG: "3"`);
  if (payload.profileNameG !== 'AFIR Energy Infrastructure') problems.push(`${path}/profileNameG: as the examples write it`);
  if (payload.profileVersionG !== '01-00-00') problems.push(`${path}/profileVersionG: as the examples write it`);
}

function organisation(wrapper: unknown, path: string, problems: string[], what: 'operator' | 'helpdesk'): void {
  const org = obj(obj(wrapper).afacAnOrganisation ?? obj(wrapper).afacReferenceableOrganisation);
  if (!isObject(org.name)) problems.push(`${path}: a ${what} with a name`);
  if (what === 'operator') {
    if (!isObject(org.legalName)) problems.push(`${path}: the operator's legal name`);
    if (!list(org.externalIdentifier).some((e) => obj(obj(e).typeOfIdentifier).extendedValueG === 'operatorId')) problems.push(`${path}: the operator id`);
  } else {
    const phone = list(org.organisationUnit).flatMap((u) => list(obj(u).contactInformation)).map((c) => obj(obj(c).afacContactInformation).telephoneNumber);
    if (!phone.some((p) => typeof p === 'string' && /^\+\d[\d ]+$/.test(p))) problems.push(`${path}: the help desk's phone, in international form`);
  }
}

function point(p: Node, path: string, problems: string[]): void {
  if (!list(p.externalIdentifier).some((e) => obj(obj(e).typeOfIdentifier).extendedValueG === 'evseId') && !list(p.connector).every((c) => list(obj(c).externalIdentifier).length > 0)) problems.push(`${path}: an EVSE id`);
  for (const f of ['deliveryUnit', 'currentType', 'numberOfConnectors', 'smartRechargingServices', 'availableChargingPower']) if (p[f] === undefined) problems.push(`${path}: ${f}`);
  const powers = list(p.availableChargingPower).map(Number);
  if (powers.length > 0 && powers[0] !== Math.max(...powers)) problems.push(`${path}/availableChargingPower: the maximum first`);
  if (list(p.connector).length !== p.numberOfConnectors) problems.push(`${path}/numberOfConnectors: as many as its connectors`);
  for (const c of list(p.connector)) if (obj(c).connectorType === undefined || obj(c).maxPowerAtSocket === undefined) problems.push(`${path}/connector: type and power`);
}

function station(s: Node, site: Node, path: string, problems: string[]): void {
  organisation(s.operator, `${path}/operator`, problems, 'operator');
  organisation(s.helpdesk, `${path}/helpdesk`, problems, 'helpdesk');
  const loc = obj(obj(s.locationReference).locPointLocation);
  const coords = obj(obj(loc.pointByCoordinates).pointCoordinates);
  if (typeof coords.latitude !== 'number' || typeof coords.longitude !== 'number') problems.push(`${path}: a WGS 84 point`);
  const facility = obj(obj(loc.locLocationExtensionG).FacilityLocation);
  if (!isObject(facility.address)) problems.push(`${path}: an address`);
  if (!list(facility.nutsArea).some((n) => obj(obj(n).nutsCodeType).value === 'nuts1Code')) problems.push(`${path}: NUTS 1`);
  if (!(typeof facility.timeZone === 'string' && /^[+-]\d{2}:\d{2}$/.test(facility.timeZone))) problems.push(`${path}: a time zone as a UTC offset`);
  for (const f of ['operatingHours', 'serviceType', 'numberOfRefillPoints', 'totalMaximumPower']) if (s[f] === undefined) problems.push(`${path}: ${f}`);
  if (!list(s.applicableForVehicles).some((v) => list(obj(obj(v).comVehicleCharacteristicsExtensionG).euVehicleCategory).length > 0)) problems.push(`${path}: vehicle categories`);
  if (!list(s.electricEnergy).concat(list(s.refillPoint).flatMap((p) => list(obj(obj(p).aegiElectricChargingPoint).electricEnergy))).some((e) => typeof obj(e).isGreenEnergy === 'boolean')) problems.push(`${path}: isGreenEnergy`);
  const points = list(s.refillPoint).map((p) => obj(obj(p).aegiElectricChargingPoint));
  points.forEach((p, i) => point(p, `${path}/refillPoint/${i}`, problems));
  const rates = [...list(s.electricEnergy), ...points.flatMap((p) => list(p.electricEnergy))].flatMap((e) => list(obj(e).energyRate)).map(obj);
  const adHoc = rates.filter((r) => obj(r.ratePolicy).value === 'adHoc');
  if (adHoc.length === 0) problems.push(`${path}: an ad hoc rate`);
  for (const r of adHoc) {
    const means = list(obj(r.payment).paymentMeans).map((m) => obj(m).value);
    if (!means.includes('qrCode') || !means.includes('website')) problems.push(`${path}: the ad hoc rate says whether QR code and web payment are available`);
    if (list(obj(r.payment).brandsAccepted).length === 0) problems.push(`${path}: the ad hoc rate's payment providers`);
    for (const price of list(r.energyPrice).map(obj)) if (typeof price.taxIncluded !== 'boolean' || typeof price.taxRate !== 'number') problems.push(`${path}: whether each price includes VAT, and its rate`);
  }
  const facilities = [...list(site.supplementalFacility), ...list(s.supplementalFacility)].map((f) => ({ ...obj(obj(f).afacSupplementalEquipment), ...obj(obj(f).afacSupplementalServiceFacility) }));
  const types = facilities.map((f) => obj(f.equipmentType).value ?? obj(f.serviceFacilityType).value);
  for (const wanted of ['cateringService', 'bathRoom', 'restingFacilities']) if (!types.includes(wanted)) problems.push(`${path}: supplementalFacility ${wanted}`);
}

export interface StaticIndex {
  versions: Map<string, string>; // idG → versionG of sites, stations, points and the table
  adHocRates: Set<string>;
}

/** The rules of the static publication (a D2Payload); also what the status publication must refer to. */
export function tableRules(doc: unknown): { problems: string[]; index: StaticIndex } {
  const problems: string[] = [];
  const index: StaticIndex = { versions: new Map(), adHocRates: new Set() };
  const payload = obj(obj(doc).payload);
  payloadHead(payload, '/payload', problems);
  const pub = payload.aegiEnergyInfrastructureTablePublication;
  if (!isObject(pub)) return { problems: [...problems, '/payload: the table publication itself'], index };
  header(pub, '/payload/publication', problems);
  common(doc, problems);
  const seen = new Set<string>();
  walk(doc, '', (key, value, path) => {
    if (key !== 'idG' || path.includes('Reference') || path.includes('reference')) return;
    if (seen.has(String(value))) problems.push(`${path}: "${String(value)}" is the id of another element too`);
    seen.add(String(value));
  });
  list(pub.energyInfrastructureTable).forEach((table, t) => {
    index.versions.set(String(obj(table).idG), String(obj(table).versionG));
    list(obj(table).energyInfrastructureSite).forEach((siteValue, i) => {
      const site = obj(siteValue);
      index.versions.set(String(site.idG), String(site.versionG));
      list(site.energyInfrastructureStation).forEach((s, j) => {
        const st = obj(s);
        index.versions.set(String(st.idG), String(st.versionG));
        station(st, site, `/table/${t}/site/${i}/station/${j}`, problems);
        for (const p of list(st.refillPoint).map((x) => obj(obj(x).aegiElectricChargingPoint))) {
          index.versions.set(String(p.idG), String(p.versionG));
          for (const r of list(p.electricEnergy).flatMap((e) => list(obj(e).energyRate)).map(obj)) if (obj(r.ratePolicy).value === 'adHoc') index.adHocRates.add(String(r.idG));
        }
      });
    });
  });
  return { problems, index };
}

/** The rules of the dynamic publication (a MessageContainer), against the static one it refers to. */
export function statusRules(doc: unknown, table: StaticIndex): string[] {
  const problems: string[] = [];
  const container = obj(obj(doc).messageContainer);
  if (!isObject(container.exchangeInformation)) problems.push('/messageContainer: exchangeInformation');
  common(doc, problems);
  const ref = (r: unknown, path: string) => {
    const v = obj(r);
    if (v.targetClass !== 'FacilityObject') problems.push(`${path}: targetClass FacilityObject`);
    if (!table.versions.has(String(v.idG))) problems.push(`${path}: ${String(v.idG)} is in the table`);
    else if (table.versions.get(String(v.idG)) !== v.versionG) problems.push(`${path}: the static element's current version`);
  };
  list(container.payload).forEach((payloadValue, n) => {
    const payload = obj(payloadValue);
    payloadHead(payload, `/payload/${n}`, problems);
    const pub = payload.aegiEnergyInfrastructureStatusPublication;
    if (!isObject(pub)) return problems.push(`/payload/${n}: the status publication itself`);
    header(pub, `/payload/${n}/publication`, problems);
    for (const t of list(pub.tableReference).map(obj)) if (table.versions.get(String(t.idG)) !== t.versionG) problems.push(`/payload/${n}/tableReference: the table's current version`);
    list(pub.energyInfrastructureSiteStatus).forEach((siteValue, i) => {
      const site = obj(siteValue);
      ref(site.reference, `/site/${i}/reference`);
      list(site.energyInfrastructureStationStatus).forEach((stationValue, j) => {
        const st = obj(stationValue);
        ref(st.reference, `/site/${i}/station/${j}/reference`);
        if (typeof st.lastUpdated !== 'string') problems.push(`/site/${i}/station/${j}: lastUpdated`);
        list(st.refillPointStatus).forEach((p, k) => {
          const ps = obj(obj(p).aegiElectricChargingPointStatus);
          const path = `/site/${i}/station/${j}/point/${k}`;
          ref(ps.reference, `${path}/reference`);
          if (typeof obj(ps.status).value !== 'string') problems.push(`${path}: a status`);
          const updates = list(ps.energyRateUpdate).map(obj);
          if (!updates.some((u) => table.adHocRates.has(String(obj(u.energyRateReference).idG)))) problems.push(`${path}: the current ad hoc price, for an ad hoc rate of the table`);
        });
      });
    });
    return undefined;
  });
  return problems;
}
