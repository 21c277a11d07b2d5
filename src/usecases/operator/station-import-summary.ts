import type { ConnectorData } from '../../core/feed/connector-data.ts';
import type { NewConnector } from '../ports/operator-stations.ts';
import type { ImportStep } from './station-import.ts';

// W → "50 kW", "7.4 kW"
function kw(w: number): string {
  return `${w % 1000 === 0 ? w / 1000 : (w / 1000).toFixed(1)} kW`;
}

// The feed data a step names ("standard IEC_62196_T2_COMBO, max voltage 920 V"); '' when none.
function feedText(d: Partial<ConnectorData>, verb = ''): string {
  const parts = [
    d.standard !== undefined && `standard${verb} ${d.standard ?? 'not known'}`,
    d.format !== undefined && `format${verb} ${d.format ?? 'not known'}`,
    d.powerType !== undefined && `power type${verb} ${d.powerType ?? 'not known'}`,
    d.maxVoltage !== undefined && `max voltage${verb} ${d.maxVoltage === null ? 'not known' : `${d.maxVoltage} V`}`,
    d.maxAmperage !== undefined && `max amperage${verb} ${d.maxAmperage === null ? 'not known' : `${d.maxAmperage} A`}`,
    d.cardTerminal !== undefined && `card terminal${verb} ${d.cardTerminal ? 'yes' : 'no'}`,
  ];
  return parts.filter((p): p is string => typeof p === 'string').join(', ');
}

function connectorText(c: Pick<NewConnector, 'connectorNo' | 'type' | 'maxPowerW' | 'code'> & Partial<ConnectorData>): string {
  const feed = feedText(c);
  return `#${c.connectorNo} ${c.type} ${kw(c.maxPowerW)}${c.code ? ` (code ${c.code})` : ''}${feed ? ` [${feed}]` : ''}`;
}

// One line per step, the same in the console's dry run and the command line's.
export function importStepText(s: ImportStep): string {
  switch (s.kind) {
    case 'create_station':
      return `create station ${s.stationId} "${s.name}" on site ${s.siteId} with connectors ${s.connectors.map(connectorText).join(', ')}; a password is made`;
    case 'update_station':
      return `change station ${s.stationId}:${s.name !== undefined ? ` name to "${s.name}"` : ''}${s.siteId !== undefined ? ` site to ${s.siteId}` : ''}`;
    case 'add_connector':
      return `add connector ${connectorText(s)} to station ${s.stationId}; a code is made`;
    case 'update_connector':
      return `change connector ${s.connectorId}: ${[s.type !== undefined && `type to ${s.type}`, s.maxPowerW !== undefined && `max power to ${kw(s.maxPowerW)}`, feedText(s, ' to')].filter((p) => typeof p === 'string' && p !== '').join(', ')}`;
    case 'unchanged':
      return `connector ${s.connectorId} unchanged`;
    default: {
      const never: never = s;
      return never;
    }
  }
}

export function importLines(s: ImportStep): string {
  return s.lines.length === 1 ? `line ${s.lines[0]}` : `lines ${s.lines.join(', ')}`;
}
