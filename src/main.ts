import { ConfigError, loadConfig, type Mode } from './config.ts';
import { runAdminCreate } from './cli/admin-create.ts';
import { runApiTokenCreate } from './cli/api-token-create.ts';
import { runMigrate } from './cli/migrate.ts';
import { OCPI_HELP, runOcpi } from './cli/ocpi.ts';
import { runStationAdd } from './cli/station-add.ts';
import { runStationImport } from './cli/station-import.ts';
import { demoBanner } from './demo/demo-banner.ts';
import { SecondNodeError } from './adapters/storage/node-registry.ts';
import { startLadepay } from './start-ladepay.ts';
import { LADEPAY_VERSION } from './version.ts';

const HELP = `ladepay ${LADEPAY_VERSION}: drop-in EV charging paid with Vipps

Usage: npm run ladepay -- <command> [options]

Commands:
  serve                         Run Ladepay (needs the Vipps keys in the environment)
  demo                          Run everything on one machine: SQLite, the Vipps simulator,
                                simulated stations (what npm start does)
  migrate                       Bring the database schema up to date and exit
  station add <id> [options]    Register a station; prints its OCPP password once
      --password P              use this password instead of a generated one
      --connectors N            number of connectors (default 1)
      --site ID                 site id (default: the first site, made if none)
      --type T                  connector type (default CCS)
      --power W                 connector max power in W (default 50000)
  station import <file.csv>     Add or change stations and connectors from a CSV
                                (docs/station-import.md); prints new passwords once
      --dry-run                 only list what it would create or change, and every error
  admin create <email>          Add a console user; prints a generated password once
      --password P              use this password (at least 10 characters) instead
      --role R                  owner (default), operator or viewer
      --reset                   give an existing user a new password (ends their logins)
  api-token create <name>       Make a REST API token (/api/v1, docs at /docs); printed once
      --role R                  operator (default), viewer or owner
${OCPI_HELP}  --help                        Show this text

Configuration comes from the environment; see README.md for every variable.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  try {
    switch (command) {
      case 'serve':
      case 'demo':
        return await serve(command);
      case 'migrate':
        return await runMigrate(loadConfig(process.env, 'demo'));
      case 'station': {
        const [sub, ...args] = rest;
        if (sub === 'add') return await runStationAdd(loadConfig(process.env, 'demo'), args);
        if (sub === 'import') return await runStationImport(loadConfig(process.env, 'demo'), args);
        process.stderr.write(`unknown station command "${sub ?? ''}"\n\n${HELP}`);
        return 2;
      }
      case 'admin': {
        const [sub, ...args] = rest;
        if (sub === 'create') return await runAdminCreate(loadConfig(process.env, 'demo'), args);
        process.stderr.write(`unknown admin command "${sub ?? ''}"\n\n${HELP}`);
        return 2;
      }
      case 'api-token': {
        const [sub, ...args] = rest;
        if (sub === 'create') return await runApiTokenCreate(loadConfig(process.env, 'demo'), args);
        process.stderr.write(`unknown api-token command "${sub ?? ''}"\n\n${HELP}`);
        return 2;
      }
      case 'ocpi':
        return await runOcpi(loadConfig(process.env, 'demo'), rest);
      default:
        process.stderr.write(`unknown command "${command}"\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof ConfigError || e instanceof SecondNodeError) {
      process.stderr.write(`${e.message}\n`);
      return 78; // EX_CONFIG
    }
    throw e;
  }
}

// Where the charger feeds are (docs/ocpi.md, docs/datex2.md).
function feedUrls(publicUrl: string) {
  return { ocpiVersions: `${publicUrl}/ocpi/versions`, datex2: [`${publicUrl}/datex2/v3/table`, `${publicUrl}/datex2/v3/status`] };
}

async function serve(mode: Mode): Promise<number> {
  const config = loadConfig(process.env, mode);
  const ladepay = await startLadepay(config);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (ladepay.demo) {
    const vipps = ladepay.embeddedVipps?.simulator;
    out(
      demoBanner({
        version: LADEPAY_VERSION,
        publicUrl: ladepay.publicUrl,
        landingUrls: ladepay.demo.landingUrls,
        consoleLogin: ladepay.demo.consoleLogin,
        vipps: vipps && { url: vipps.url, merchants: vipps.merchants },
        logLevel: config.logLevel,
        feeds: feedUrls(ladepay.publicUrl),
      }),
    );
  } else {
    if (ladepay.embeddedVipps) out(ladepay.embeddedVipps.announcement);
    out(`Ladepay ${LADEPAY_VERSION} listening on ${ladepay.url} (public URL ${ladepay.publicUrl})`);
    out(`Health:  ${ladepay.publicUrl}/health`);
    out(`OCPP:    ${ladepay.publicUrl.replace(/^http/, 'ws')}/ocpp/{stationId}`);
    out(`Console: ${ladepay.publicUrl}/console`);
    const feeds = feedUrls(ladepay.publicUrl);
    out(`OCPI:    ${feeds.ocpiVersions}`);
    out(`DATEX II: ${feeds.datex2.join('  ')}`);
  }
  // SIGTERM (systemd, a rolling restart): drained, so no station or page
  // behind the balancer notices more than a reconnect; a second one while it
  // drains changes nothing. SIGINT (Ctrl-C): at once, and a second one exits.
  let stopping: string | undefined;
  const shutdown = (signal: string) => {
    if (stopping) {
      if (signal === 'SIGINT') process.exit(130);
      ladepay.logger.info({ signal, stopping }, 'already shutting down');
      return;
    }
    stopping = signal;
    ladepay.logger.info({ signal }, 'shutting down');
    (signal === 'SIGTERM' ? ladepay.drain() : ladepay.stop()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return new Promise<number>(() => undefined);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
