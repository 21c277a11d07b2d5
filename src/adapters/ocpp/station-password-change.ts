import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';
import { authorizationKeyOctets } from '../security/station-secret.ts';
import type { StationConnection } from './station-connection.ts';

// Sends a station its new Basic-auth password (the secret is never logged).
// OCPP 2.0.1 A01: SetVariables SecurityCtrlr.BasicAuthPassword, the text
// itself. OCPP 1.6 security whitepaper: ChangeConfiguration AuthorizationKey,
// the password hex-encoded (16–20 octets, so at most 40 hex digits); Ladepay's
// generated secrets encode 20 octets, which the station is sent and uses, and
// Ladepay accepts either form (station-secret.ts). Either way the station disconnects
// and comes back with the new password.
export async function sendNewPassword(conn: StationConnection, secret: string): Promise<CommandOutcome> {
  if (conn.protocol === 'ocpp1.6') {
    const key = authorizationKeyOctets(secret).toString('hex');
    const r = await conn.call<{ status: string }>('ChangeConfiguration', { key: 'AuthorizationKey', value: key });
    if (!r.ok) return r.outcome;
    return r.result.status === 'Accepted' || r.result.status === 'RebootRequired' ? 'accepted' : 'rejected';
  }
  const r = await conn.call<{ setVariableResult: Array<{ attributeStatus: string }> }>('SetVariables', {
    setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: secret }],
  });
  if (!r.ok) return r.outcome;
  const status = r.result.setVariableResult[0]?.attributeStatus;
  return status === 'Accepted' || status === 'RebootRequired' ? 'accepted' : 'rejected';
}
