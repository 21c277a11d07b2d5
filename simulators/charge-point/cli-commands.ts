import type { ChargePoint } from './charge-point.ts';
import { screenText } from './screen-text.ts';

// Commands typed while the CLI runs, to play the driver or the weather.

export const commandHelp = `Commands (station = id, or its number in the fleet; connector defaults to 1):
  status                          every station and connector
  plug <station> [connector] [soc%]  plug in a car
  unplug <station> [connector]    unplug (ends a running transaction: EVDisconnected)
  stop <station> [connector]      the station's stop button (Local)
  pay <station> [connector]       the Pay button on the screen (DataTransfer no.ladepay PayWithVipps)
  card <station> [connector] [idToken]  a driver's card at the connector (a local start)
  fault <station> [connector] [code]   fault a connector (default GroundFailure)
  clear <station> [connector]     clear the fault
  offline <station> | online <station>
  reboot <station> | powercut <station>
  screen <station> [all]          what its screen shows now (all: and everything it was shown)
  qr <station> [connector]        the text of the QR code its screen shows for the connector (2.1)
  limits <station> [connector]    the limit the station holds the transaction to, and its own cost (2.1)`;

export async function runCommand(line: string, stations: ChargePoint[]): Promise<string> {
  const [verb, stationArg, ...rest] = line.trim().split(/\s+/);
  if (!verb) return '';
  if (verb === 'help') return commandHelp;
  if (verb === 'status') return stations.map(describe).join('\n');
  const cp = findStation(stations, stationArg);
  if (!cp) return `no station ${stationArg ?? ''}; type "status" to list them`;
  const connector = rest[0] === undefined ? 1 : Number(rest[0]);
  switch (verb) {
    case 'screen':
      return screenText(cp.stationId, cp.screen(), stationArg !== undefined && rest[0] === 'all');
    case 'pay':
      return `${cp.stationId}/${connector} Pay: ${await cp.tapPay(connector)}`;
    case 'card':
      return `${cp.stationId}/${connector} card ${rest[1] ?? 'SIMCARD'}: ${await cp.tapCard(connector, rest[1] ?? 'SIMCARD')}`;
    case 'qr':
      return `${cp.stationId}/${connector} QR: ${cp.qrCode(connector) ?? '(none shown)'}`;
    case 'limits':
      return `${cp.stationId}/${connector} ${JSON.stringify(cp.limitsFor(connector))}`;
    case 'plug': {
      const soc = rest[1] === undefined ? undefined : Number(rest[1]);
      await cp.plugIn(connector, soc === undefined ? {} : { socPercent: soc });
      break;
    }
    case 'unplug':
      await cp.unplug(connector);
      break;
    case 'stop':
      await cp.pressStop(connector);
      break;
    case 'fault':
      await cp.setFault(connector, rest[1] ?? 'GroundFailure');
      break;
    case 'clear':
      await cp.clearFault(connector);
      break;
    case 'offline':
      await cp.goOffline();
      break;
    case 'online':
      await cp.goOnline();
      break;
    case 'reboot':
      await cp.reboot();
      break;
    case 'powercut':
      await cp.reboot({ powerLoss: true });
      break;
    default:
      return `unknown command ${verb}; type "help"`;
  }
  return describe(cp);
}

function findStation(stations: ChargePoint[], arg: string | undefined): ChargePoint | undefined {
  if (arg === undefined) return undefined;
  return stations.find((s) => s.stationId === arg) ?? (/^\d+$/.test(arg) ? stations[Number(arg) - 1] : undefined);
}

function describe(cp: ChargePoint): string {
  const lines = [`${cp.stationId} (${cp.protocol}) ${cp.isOnline() ? 'online' : 'OFFLINE'}, ${cp.queuedMessages()} queued`];
  for (let no = 1; ; no++) {
    let c;
    try {
      c = cp.connector(no);
    } catch {
      break;
    }
    const car = c.pluggedIn ? `car ${c.soc ?? '?'} %` : 'no car';
    const tx = c.transactionId ? ` tx ${c.transactionId}` : '';
    lines.push(`  ${no}: ${c.status}, ${car}, ${(c.powerW / 1000).toFixed(1)} kW, meter ${c.energyWh} Wh${tx}`);
  }
  return lines.join('\n');
}
