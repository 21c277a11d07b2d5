import type { IncomingHttpHeaders } from 'node:http';
import type { ProtocolVersion } from '../../usecases/ports/charger.ts';
import { verifyStationSecret } from '../security/station-secret.ts';
import type { StationDirectory } from './station-directory.ts';

// Offered in this order: a station that speaks several gets the newest
// (OCPP 2.1 first: its transaction limits and tariffs, docs/ocpp21.md).
export const SUPPORTED_PROTOCOLS: readonly ProtocolVersion[] = ['ocpp2.1', 'ocpp2.0.1', 'ocpp1.6'];

// RFC 7230 token characters, as a WebSocket subprotocol must be written.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

// OCPP-J 1.6 §3.1.2 / 2.0.1 §3.2: the station names the OCPP version as the
// WebSocket subprotocol; without a common one there is nothing to speak.
export function chooseProtocol(headers: IncomingHttpHeaders): ProtocolVersion | undefined {
  const offered = offeredProtocols(headers['sec-websocket-protocol']);
  return SUPPORTED_PROTOCOLS.find((p) => offered?.has(p));
}

export type PasswordCheck =
  // usedHash: the stored hash the presented password matched; settle: a
  // second password exists, so the store decides what this use settles.
  | { ok: true; usedHash: string; settle: boolean }
  | { ok: false; disabled: boolean };

// OCPP security profile 1 (and 2, with TLS in front): HTTP Basic auth,
// username = the station id. Known and unknown ids, with or without a second
// password, run the same two checks (station-secret.ts verifies a decoy when
// there is nothing to check against), so the time of a refusal tells nothing.
export async function checkStationPassword(
  stationId: string,
  password: Buffer | undefined,
  stations: StationDirectory,
  now: Date,
): Promise<PasswordCheck> {
  const credentials = await stations.findCredentials(stationId, now);
  const presented = password ?? Buffer.alloc(0);
  const [main, second] = await Promise.all([
    verifyStationSecret(presented, credentials?.passwordHash),
    verifyStationSecret(presented, credentials?.second?.passwordHash),
  ]);
  if (!credentials || password === undefined || !(main || second)) return { ok: false, disabled: false };
  if (credentials.disabled) return { ok: false, disabled: true };
  const usedHash = main ? credentials.passwordHash : (credentials.second?.passwordHash ?? '');
  return { ok: true, usedHash, settle: credentials.second !== undefined };
}

function offeredProtocols(header: string | undefined): Set<string> | undefined {
  if (header === undefined) return undefined;
  const tokens = header.split(',').map((t) => t.trim());
  const unique = new Set(tokens);
  return tokens.every((t) => TOKEN.test(t)) && unique.size === tokens.length ? unique : undefined;
}

// The password bytes of "Basic base64(stationId:password)", as sent: the OCPP
// 1.6 security whitepaper's AuthorizationKey may be binary. The station id may
// hold colons (OCPP does not forbid them), so the split is after the known
// id, not at the first colon.
export function basicAuthPassword(header: string | undefined, stationId: string): Buffer | undefined {
  const encoded = /^\s*basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64');
  const prefix = Buffer.from(`${stationId}:`, 'utf8');
  return decoded.subarray(0, prefix.length).equals(prefix) ? decoded.subarray(prefix.length) : undefined;
}
