import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';
import type { StationConnection } from './station-connection.ts';

// Sends a station its new Basic-auth password (the secret is never logged).
// OCPP 2.0.1 A01: SetVariables SecurityCtrlr.BasicAuthPassword, the text
// itself. OCPP 1.6 security whitepaper: ChangeConfiguration AuthorizationKey,
// the password hex-encoded (16–20 octets, so at most 40 hex digits); Ladepay's
// secrets are 40 hex digits, so the station uses their 20 octets, and Ladepay
// accepts either form (station-secret.ts). Either way the station disconnects
// and comes back with the new password.
export async function sendNewPassword(conn: StationConnection, secret: string): Promise<CommandOutcome> {
  if (conn.protocol === 'ocpp1.6') {
    const key = /^[0-9a-f]{32,40}$/i.test(secret) && secret.length % 2 === 0 ? secret : Buffer.from(secret, 'utf8').toString('hex');
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
