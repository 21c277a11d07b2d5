import { connectorStatusOf } from '../../core/vocabulary/connector-status.ts';
import { readStoredConnectorData, readStoredSiteData } from './feed-data-rows.ts';
import type { Connector, Site, Station } from '../../usecases/ports/operator-stations.ts';
import type { Selectable } from 'kysely';
import type { ConnectorsTable, SitesTable, StationsTable } from './schema.ts';
import { readSupport } from './station-display-store.ts';

// Rows of sites, stations and connectors as the operator's ports read them:
// flags 0/1 become booleans, columns become fields. Times stay ISO text.

export function siteOf(row: SitesTable): Site {
  return { id: row.id, name: row.name, address: row.address, disabled: row.disabled === 1, createdAt: row.created_at, ...readStoredSiteData(row) };
}

// What a station is read from: never its password hash.
export const STATION_COLUMNS = ['id', 'site_id', 'name', 'protocol', 'vendor', 'model', 'firmware', 'serial_number', 'last_boot_at', 'online', 'last_seen_at', 'disabled', 'created_at', 'price_display', 'display_support'] as const;

export function stationOf(row: Pick<Selectable<StationsTable>, (typeof STATION_COLUMNS)[number]>): Station {
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    protocol: row.protocol,
    vendor: row.vendor,
    model: row.model,
    firmware: row.firmware,
    serialNumber: row.serial_number,
    lastBootAt: row.last_boot_at,
    online: row.online === 1,
    lastSeenAt: row.last_seen_at,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    priceDisplay: row.price_display === 'off' ? 'off' : 'auto',
    displaySupport: readSupport(row.display_support) ?? null,
  };
}

export function connectorOf(row: ConnectorsTable): Connector {
  return {
    id: row.id,
    code: row.code,
    stationId: row.station_id,
    connectorNo: row.connector_no,
    type: row.type,
    maxPowerW: row.max_power_w,
    // Written only from the vocabulary (or 'unknown' before the first report);
    // anything else in the column reads as unknown rather than passing through.
    status: connectorStatusOf(row.status),
    errorCode: row.error_code,
    errorInfo: row.error_info,
    vendorErrorCode: row.vendor_error_code,
    statusAt: row.status_at,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    ...readStoredConnectorData(row),
    evseId: row.evse_id,
  };
}
