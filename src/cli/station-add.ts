import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { newStationPassword } from '../adapters/ocpp/station-doors.ts';
import { StationStore } from '../adapters/storage/station-store.ts';
import { TariffStore } from '../adapters/storage/tariff-store.ts';
import { CONNECTOR_TYPES, connectorType } from '../core/station-setup.ts';
import { tariffNotice } from './tariff-notice.ts';
import { withDatabase } from './with-database.ts';

// OCPP 1.6 §3.1 (security whitepaper): the identity is used in the URL path,
// so keep it to URL-safe characters; 48 is the CiString limit of chargeBoxIdentity.
const STATION_ID = /^[A-Za-z0-9_.-]{1,48}$/;

export async function runStationAdd(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      password: { type: 'string' },
      connectors: { type: 'string', default: '1' },
      site: { type: 'string' },
      type: { type: 'string', default: 'CCS' },
      power: { type: 'string', default: '50000' },
      name: { type: 'string' },
    },
  });
  const stationId = positionals[0];
  const problems: string[] = [];
  if (!stationId || !STATION_ID.test(stationId)) problems.push('a station id of 1-48 letters, digits, "_", "." or "-" is required');
  const connectors = Number(values.connectors);
  if (!Number.isInteger(connectors) || connectors < 1 || connectors > 32) problems.push('--connectors must be 1 to 32');
  // Its feed data is what the type suggests (docs/feed-data.md), so the type must be one Ladepay knows.
  const type = connectorType(values.type ?? 'CCS');
  if (!type) problems.push(`--type must be one of ${CONNECTOR_TYPES.join(', ')}`);
  const power = Number(values.power);
  if (!Number.isInteger(power) || power < 1000 || power > 1_000_000) problems.push('--power must be 1000 to 1000000 (W)');
  // Kept with a fast hash, so it must be as strong as a generated one.
  const made = await newStationPassword(values.password);
  if (!made.ok) problems.push(`--password: ${made.problem}`);
  if (problems.length > 0 || !stationId || !made.ok || !type) {
    process.stderr.write(`station add: ${problems.join('; ')}\n`);
    return 2;
  }

  const { password } = made;
  return withDatabase(config, async ({ db }) => {
    const stations = new StationStore(db);
    const now = new Date();
    if (await stations.station(stationId)) {
      process.stderr.write(`station add: station ${stationId} already exists\n`);
      return 1;
    }
    let siteId = values.site;
    if (!siteId) {
      const sites = await stations.listSites();
      siteId = sites[0]?.id ?? 'main';
      if (sites.length === 0) await stations.createSite({ id: siteId, name: config.operator.name, address: '' }, now);
    }
    const created = await stations.createStation(
      {
        id: stationId,
        siteId,
        name: values.name ?? stationId,
        passwordHash: made.hash,
        connectors: Array.from({ length: connectors }, (_, i) => ({ connectorNo: i + 1, type, maxPowerW: power })),
      },
      now,
    );
    process.stdout.write(`Station ${stationId} added to site ${siteId}.\n`);
    process.stdout.write(`OCPP URL:   ws://<ladepay-host>/ocpp/${stationId}  (Basic auth user ${stationId})\n`);
    process.stdout.write(`Password:   ${password}   (shown once; store it in the station now)\n`);
    for (const c of created) {
      process.stdout.write(`Connector ${c.connectorNo}: code ${c.code}  landing page ${config.publicUrl ?? `http://localhost:${config.port}`}/c/${c.code}\n`);
    }
    process.stdout.write(tariffNotice(siteId, await new TariffStore(db).current(siteId, now)));
    return 0;
  });
}
