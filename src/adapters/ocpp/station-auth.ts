import type { IncomingHttpHeaders } from 'node:http';
import type { ProtocolVersion } from '../../usecases/ports/charger.ts';
import { verifyPassword } from '../security/password-hash.ts';
import type { StationDirectory } from './station-directory.ts';

// Offered in this order: a station that speaks both gets 2.0.1.
export const SUPPORTED_PROTOCOLS: readonly ProtocolVersion[] = ['ocpp2.0.1', 'ocpp1.6'];

export type AuthDecision =
  | { ok: true; protocol: ProtocolVersion }
  | { ok: false; status: 400 | 401; message: string };

// Verified instead of a real hash when the station is unknown, so that an
// unknown id and a wrong password take the same time to refuse.
const DECOY_HASH = 'scrypt$16384$8$1$bGFkZXBheS1kZWNveS1zYWx0$yFq7bB3Hk5m2oQyA0m7Zl2rVJf2t2m1cX0YQ9gk2d9E=';

// RFC 7230 token characters, as a WebSocket subprotocol must be written.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

// Decides on a station's WebSocket upgrade before anything else is done with it.
export async function authenticateStation(
  stationId: string,
  headers: IncomingHttpHeaders,
  stations: StationDirectory,
): Promise<AuthDecision> {
  // OCPP-J 1.6 §3.1.2 / 2.0.1 §3.2: the station names the OCPP version as the
  // WebSocket subprotocol; without a common one there is nothing to speak.
  const offered = offeredProtocols(headers['sec-websocket-protocol']);
  const protocol = SUPPORTED_PROTOCOLS.find((p) => offered?.has(p));
  if (!protocol) {
    return { ok: false, status: 400, message: `Supported subprotocols: ${SUPPORTED_PROTOCOLS.join(', ')}` };
  }

  // OCPP security profile 1 (and 2, with TLS in front): HTTP Basic auth,
  // username = the station id.
  const refused = { ok: false, status: 401, message: 'Unauthorized' } as const;
  const password = basicAuthPassword(headers.authorization, stationId);
  if (password === undefined) return refused;
  const credentials = await stations.findCredentials(stationId);
  const matches = await verifyPassword(password, credentials?.passwordHash ?? DECOY_HASH);
  if (!credentials || !matches || credentials.disabled) return refused;
  return { ok: true, protocol };
}

function offeredProtocols(header: string | undefined): Set<string> | undefined {
  if (header === undefined) return undefined;
  const tokens = header.split(',').map((t) => t.trim());
  const unique = new Set(tokens);
  return tokens.every((t) => TOKEN.test(t)) && unique.size === tokens.length ? unique : undefined;
}

// The password of "Basic base64(stationId:password)". The station id may hold
// colons (OCPP does not forbid them), so the split is after the known id, not
// at the first colon.
export function basicAuthPassword(header: string | undefined, stationId: string): string | undefined {
  const encoded = /^\s*basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const prefix = `${stationId}:`;
  return decoded.startsWith(prefix) ? decoded.slice(prefix.length) : undefined;
}
