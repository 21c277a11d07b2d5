import { sixDecimals, sortedFacts, type ConnectorFacts, type FeedFacts, type Place, type PointFacts, type Prices, type SiteFacts } from './feed-facts.ts';
import type { ChargingPoint, EnergyRate, FacilityLocation, LocationReference, OperatingHours, Site, StatusDocument, TableDocument, Text } from './datex2-documents.ts';
import { datex2Prices } from './datex2-prices.ts';

// A reader of the AFIR DATEX II Recharging Profile 01-00-00 (DATEX II v3 JSON,
// specs/datex2/01-00-00), written from the profile and its schemas and sharing
// nothing with Ladepay's DATEX II module: the table publication read into its
// sites and refill points, the status publication into each point's status and
// current price, and both, as a reader holds them, into plain facts. A reader
// of deltas keeps a copy (Datex2Copy): a site in a table is whole, a station in
// a status publication is whole with all its points. It reads refill points
// that carry their EVSE id and rates priced at all times, and refuses what it
// cannot reduce to the facts (an EVSE id per connector, a price limited to some
// hours) rather than guess.

// RefillPointStatusEnum in OCPI's words, as docs/feed-mapping.md ("The status")
// pairs them; a value outside the table stays itself and so differs.
const OCPI_STATUS: Readonly<Record<string, string>> = {
  available: 'AVAILABLE',
  occupied: 'CHARGING',
  charging: 'CHARGING',
  blocked: 'BLOCKED',
  reserved: 'RESERVED',
  unavailable: 'INOPERATIVE',
  faulted: 'OUTOFORDER',
  unknown: 'UNKNOWN',
};

// ConnectorTypeEnum → OCPI ConnectorType, the values both name.
const OCPI_STANDARD: Readonly<Record<string, string>> = {
  chademo: 'CHADEMO',
  iec62196T1: 'IEC_62196_T1',
  iec62196T1COMBO: 'IEC_62196_T1_COMBO',
  iec62196T2: 'IEC_62196_T2',
  iec62196T2COMBO: 'IEC_62196_T2_COMBO',
  iec62196T3A: 'IEC_62196_T3A',
  iec62196T3C: 'IEC_62196_T3C',
  domesticF: 'DOMESTIC_F',
  domesticE: 'DOMESTIC_E',
  domesticG: 'DOMESTIC_G',
  iec60309x2single16: 'IEC_60309_2_single_16',
  iec60309x2three16: 'IEC_60309_2_three_16',
  iec60309x2three32: 'IEC_60309_2_three_32',
  iec60309x2three64: 'IEC_60309_2_three_64',
  teslaR: 'TESLA_R',
  teslaS: 'TESLA_S',
  pantographBottomUp: 'PANTOGRAPH_BOTTOM_UP',
  pantographTopDown: 'PANTOGRAPH_TOP_DOWN',
};

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

// Ladepay's site ids (docs/datex2.md, "Identities and versions") are
// `<operator id>/site/<site id>`, the site id being the OCPI Location's; any
// other idG is taken as it is.
function siteIdOf(idG: string): string {
  const at = idG.indexOf('/site/');
  return at < 0 ? idG : idG.slice(at + '/site/'.length);
}

function firstText(t: Text | undefined): string {
  return t?.values[0]?.value ?? '';
}

function hoursOf(h: OperatingHours | undefined): Place['hours'] {
  if (!h || h.afacOpenAllHours) return 'twentyfourseven';
  const periods = h.afacOperatingHoursSpecification?.overallPeriod?.validPeriod ?? [];
  const out: string[] = [];
  for (const p of periods) {
    const days = (p.recurringDayWeekMonthPeriod ?? []).flatMap((r) => r.comDayWeekMonth?.applicableDay ?? []).map((d) => DAYS.indexOf(d.value) + 1);
    // A time of day is local time; the profile's "Z" says nothing ("07:00:00Z").
    for (const day of days.length > 0 ? days : [1, 2, 3, 4, 5, 6, 7]) {
      for (const t of p.recurringTimePeriodOfDay ?? []) out.push(`${day} ${t.startTimeOfPeriod.slice(0, 5)}-${t.endTimeOfPeriod.slice(0, 5)}`);
    }
  }
  return out.sort();
}

function placeOf(ref: LocationReference | undefined, hours: OperatingHours | undefined): Place & { facility: FacilityLocation | undefined } {
  const point = ref?.locPointLocation;
  const area = ref?.locAreaLocation;
  const c = point?.pointByCoordinates?.pointCoordinates ?? point?.coordinatesForDisplay ?? area?.coordinatesForDisplay;
  if (!c) throw new Error('a location reference without coordinates');
  const facility = point?.locLocationExtensionG?.FacilityLocation ?? area?.locLocationExtensionG?.FacilityLocation;
  return { latitude: sixDecimals(c.latitude), longitude: sixDecimals(c.longitude), hours: hoursOf(hours), facility };
}

function siteFacts(site: Site): SiteFacts {
  const { facility, ...place } = placeOf(site.locationReference, site.operatingHours);
  const a = facility?.address;
  const lines = [...(a?.addressLine ?? [])].sort((x, y) => x.order - y.order).map((l) => firstText(l.text));
  return { id: siteIdOf(site.idG), name: firstText(site.name), address: lines.join(' '), postalCode: a?.postcode ?? '', city: firstText(a?.city), country: a?.countryCode ?? '', ...place };
}

function connectorFacts(c: NonNullable<ChargingPoint['connector']>[number]): ConnectorFacts {
  const standard = OCPI_STANDARD[c.connectorType.value] ?? c.otherConnector ?? c.connectorType.value;
  return { standard, format: c.connectorFormat?.value === 'socket' ? 'SOCKET' : 'CABLE', maxPowerW: c.maxPowerAtSocket ?? 0, maxVoltage: c.voltage ?? 0, maxAmperage: c.maximumCurrent ?? 0 };
}

function adHocRate(p: ChargingPoint): EnergyRate | undefined {
  const rates = (p.electricEnergy ?? []).flatMap((e) => e.energyRate ?? []).filter((r) => r.ratePolicy.value === 'adHoc');
  if (rates.length > 1) throw new Error(`${p.idG}: more than one ad hoc rate`);
  return rates[0];
}

// A refill point as the table says it: everything but its status and the price now.
export interface TablePoint {
  idG: string;
  rateIdG: string | undefined;
  facts: Omit<PointFacts, 'status' | 'priceNow'>;
}

export interface TableSite {
  facts: SiteFacts;
  points: TablePoint[];
}

// Every site of a table publication, by its idG.
export function readTable(document: unknown): Map<string, TableSite> {
  const doc = document as TableDocument;
  const sites = new Map<string, TableSite>();
  for (const table of doc.payload.aegiEnergyInfrastructureTablePublication.energyInfrastructureTable) {
    for (const site of table.energyInfrastructureSite ?? []) {
      const facts = siteFacts(site);
      const points: TablePoint[] = [];
      for (const station of site.energyInfrastructureStation ?? []) {
        const { facility: _facility, ...place } = placeOf(station.locationReference ?? site.locationReference, station.operatingHours ?? site.operatingHours);
        for (const { aegiElectricChargingPoint: p } of station.refillPoint ?? []) {
          if (!p) continue;
          const evseId = p.externalIdentifier?.find((e) => e.typeOfIdentifier.extendedValueG === 'evseId')?.identifier;
          if (!evseId) throw new Error(`${p.idG}: no evseId`);
          const rate = adHocRate(p);
          const current = p.currentType?.value === 'dc' ? 'DC' : 'AC';
          const basePrice = rate ? datex2Prices(rate.energyPrice ?? []) : null;
          points.push({ idG: p.idG, rateIdG: rate?.idG, facts: { evseId, siteId: facts.id, ...place, current, maxPowerW: Math.max(0, ...(p.availableChargingPower ?? [])), connectors: (p.connector ?? []).map(connectorFacts), basePrice } });
        }
      }
      sites.set(site.idG, { facts, points });
    }
  }
  return sites;
}

export interface StatusPoint {
  status: string; // the profile's own word
  rateIdG: string | undefined;
  priceNow: Prices | null;
}

// Every refill point's status in a status publication, by the idG of the table's point it refers to.
export function readStatus(document: unknown): Map<string, StatusPoint> {
  const doc = document as StatusDocument;
  const points = new Map<string, StatusPoint>();
  for (const payload of doc.messageContainer.payload) {
    for (const site of payload.aegiEnergyInfrastructureStatusPublication?.energyInfrastructureSiteStatus ?? []) {
      for (const station of site.energyInfrastructureStationStatus ?? []) {
        for (const { aegiElectricChargingPointStatus: p } of station.refillPointStatus ?? []) {
          if (!p) continue;
          const updates = p.energyRateUpdate ?? [];
          if (updates.length > 1) throw new Error(`${p.reference.idG}: more than one rate update`);
          const update = updates[0];
          points.set(p.reference.idG, { status: p.status?.value ?? '', rateIdG: update?.energyRateReference.idG, priceNow: update ? datex2Prices(update.energyPrice ?? []) : null });
        }
      }
    }
  }
  return points;
}

// What a reader of both publications holds: the table's sites and the points'
// statuses, and each publication's time, which it passes as the next `since`
// (docs/datex2.md, "since").
export class Datex2Copy {
  readonly sites = new Map<string, TableSite>();
  readonly statuses = new Map<string, StatusPoint>();
  tableTime = '';
  statusTime = '';

  // A table publication (full, or the sites changed `since`): each site in it replaces the one held. The ids of its sites.
  takeTable(document: unknown): string[] {
    const read = readTable(document);
    for (const [id, site] of read) this.sites.set(id, site);
    this.tableTime = (document as TableDocument).payload.aegiEnergyInfrastructureTablePublication.publicationTime;
    return [...read.values()].map((s) => s.facts.id);
  }

  // A status publication (a snapshot, or a delta): each point in it replaces the one held. The evse ids of its points.
  takeStatus(document: unknown): Map<string, StatusPoint> {
    const read = readStatus(document);
    for (const [id, point] of read) this.statuses.set(id, point);
    // An empty delta holds no publication: the message's time then.
    const message = (document as StatusDocument).messageContainer;
    const time = message.payload[0]?.aegiEnergyInfrastructureStatusPublication?.publicationTime ?? message.exchangeInformation?.dynamicInformation?.messageGenerationTimestamp;
    if (time === undefined) throw new Error('a status message without a time');
    this.statusTime = time;
    return new Map([...read].map(([idG, p]) => [this.evseIdOf(idG) ?? `not in the table: ${idG}`, p]));
  }

  // The evse id of the table's point with this idG.
  evseIdOf(idG: string): string | undefined {
    for (const site of this.sites.values()) for (const p of site.points) if (p.idG === idG) return p.facts.evseId;
    return undefined;
  }

  facts(): FeedFacts {
    const sites = [...this.sites.values()];
    const points = sites.flatMap((s) =>
      s.points.map((p): PointFacts => {
        const st = this.statuses.get(p.idG);
        // The current price must refer to the point's own rate in the table.
        if (st?.rateIdG !== undefined && st.rateIdG !== p.rateIdG) throw new Error(`${p.facts.evseId}: the status refers to rate ${st.rateIdG}, the table has ${String(p.rateIdG)}`);
        return { ...p.facts, status: st ? (OCPI_STATUS[st.status] ?? st.status) : 'absent from the status', priceNow: st?.priceNow ?? null };
      }),
    );
    return sortedFacts(
      sites.map((s) => s.facts),
      points,
    );
  }
}
