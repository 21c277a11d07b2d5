import { parseArgs } from 'node:util';
import type { Protocol } from './ocpp-link.ts';

export const usage = `Simulated OCPP charging stations, for any CSMS.

Usage: npm run sim:stations -- [options]

  --url <ws-url>         the CSMS endpoint; each station connects to <url>/<station id>
                         (default ws://127.0.0.1:8080/ocpp)
  --stations <n>         how many stations (default 1)
  --version <v>          OCPP version of every station: 1.6 (default), 2.0.1 or 2.1; a 2.1 station
                         offers ocpp2.1, then ocpp2.0.1, and speaks whichever the CSMS picks
  --mix <share>          share of stations on 2.0.1, 0..1, the rest on 1.6 (instead of --version)
  --id-prefix <prefix>   station ids are <prefix>001, <prefix>002 … (default SIM-)
  --password <secret>    HTTP Basic auth password (username = station id)
  --connectors <n>       connectors per station (default 1)
  --time-scale <factor>  60: a real second charges like a minute (default 1)
  --meter-interval <s>   seconds between meter values until the CSMS says otherwise (default 10)
  --auto-plug            a remote start on an empty connector plugs in a car first
  --screen               each station has a screen that shows prices: California Pricing on 1.6,
                         display messages and CostUpdated on 2.x, QR codes on 2.1 (type "screen <station>")
  --tariffs              2.1 stations take tariffs (SetDefaultTariff …), price each charge themselves
                         and stop it at the CSMS's transactionLimit
  --verbose              print every OCPP frame
  --help                 this text

While running, type "help" for commands (plug, unplug, stop, pay, card, screen, limits, offline, reboot …).
Ctrl-C stops every station cleanly.`;

const VERSIONS: Record<string, Protocol | undefined> = { '1.6': 'ocpp1.6', '2.0.1': 'ocpp2.0.1', '2.1': 'ocpp2.1' };

export interface CliConfig {
  url: string;
  stations: number;
  protocol: Protocol;
  offer?: Protocol[];
  mix?: number;
  idPrefix: string;
  password?: string;
  connectors: number;
  timeScale: number;
  meterIntervalSeconds: number;
  autoPlugIn: boolean;
  screens: boolean;
  tariffs: boolean;
  verbose: boolean;
}

export type CliParse = { kind: 'run'; config: CliConfig } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseCliArgs(argv: string[]): CliParse {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        url: { type: 'string', default: 'ws://127.0.0.1:8080/ocpp' },
        stations: { type: 'string', default: '1' },
        version: { type: 'string', default: '1.6' },
        mix: { type: 'string' },
        'id-prefix': { type: 'string', default: 'SIM-' },
        password: { type: 'string' },
        connectors: { type: 'string', default: '1' },
        'time-scale': { type: 'string', default: '1' },
        'meter-interval': { type: 'string', default: '10' },
        'auto-plug': { type: 'boolean', default: false },
        screen: { type: 'boolean', default: false },
        tariffs: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  if (values.help) return { kind: 'help' };
  const version = values.version;
  const protocol = VERSIONS[version];
  if (!protocol) return { kind: 'error', message: `--version must be 1.6, 2.0.1 or 2.1, got ${version}` };
  if (values.tariffs && protocol !== 'ocpp2.1') return { kind: 'error', message: '--tariffs needs --version 2.1' };
  const stations = Number(values.stations);
  const connectors = Number(values.connectors);
  const timeScale = Number(values['time-scale']);
  const meterIntervalSeconds = Number(values['meter-interval']);
  const mix = values.mix === undefined ? undefined : Number(values.mix);
  if (!Number.isInteger(stations) || stations < 1) return { kind: 'error', message: '--stations must be a positive integer' };
  if (!Number.isInteger(connectors) || connectors < 1) return { kind: 'error', message: '--connectors must be a positive integer' };
  if (!(timeScale > 0)) return { kind: 'error', message: '--time-scale must be a positive number' };
  if (!Number.isInteger(meterIntervalSeconds) || meterIntervalSeconds < 0) return { kind: 'error', message: '--meter-interval must be whole seconds' };
  if (mix !== undefined && !(mix >= 0 && mix <= 1)) return { kind: 'error', message: '--mix must be within 0..1' };
  if (!/^wss?:\/\//.test(values.url)) return { kind: 'error', message: '--url must start with ws:// or wss://' };
  return {
    kind: 'run',
    config: {
      url: values.url,
      stations,
      protocol,
      ...(protocol === 'ocpp2.1' ? { offer: ['ocpp2.1', 'ocpp2.0.1'] satisfies Protocol[] } : {}),
      mix,
      idPrefix: values['id-prefix'],
      password: values.password,
      connectors,
      timeScale,
      meterIntervalSeconds,
      autoPlugIn: values['auto-plug'],
      screens: values.screen,
      tariffs: values.tariffs,
      verbose: values.verbose,
    },
  };
}
