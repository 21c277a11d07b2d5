import type { ChargingHere, OperationRefusal } from '../../usecases/operator/station-operations.ts';
import type { StationAnswer } from '../../usecases/ports/charger-operations.ts';

// The station's answer to an operation in words, the same in the console and
// the API: what the station said, or why it said nothing.
export function answerText(what: string, answer: StationAnswer): string {
  const said = answer.status ? ` (${answer.status})` : '';
  switch (answer.outcome) {
    case 'accepted':
      return `The station accepted the ${what}${said}.`;
    case 'rejected':
      return `The station refused the ${what}${said}.`;
    case 'timeout':
      return `The station did not answer the ${what} in time; it may still act on it.`;
    case 'error':
      return `The station answered the ${what} with an error${said}.`;
    case 'offline':
      return 'The station is offline; nothing was sent.';
  }
}

export function chargingText(charging: readonly ChargingHere[]): string {
  const where = [...new Set(charging.map((c) => c.connectorNo))].sort((a, b) => a - b).join(', ');
  return `A session is charging at this station (connector ${where}). The station ends it when it acts on this, and the session is settled on what was delivered.`;
}

export function refusalText(r: OperationRefusal): string {
  switch (r.reason) {
    case 'not_found':
      return 'No such station.';
    case 'bad_input':
      return r.message;
    case 'offline':
      return 'The station is offline; nothing was sent.';
    case 'charging':
      return chargingText(r.charging);
  }
}
