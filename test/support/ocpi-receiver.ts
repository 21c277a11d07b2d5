import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

// The Receiver interfaces of Locations and Tariffs (OCPI 2.2.1 mod_locations
// and mod_tariffs, "Receiver Interface"), as the test access point runs them:
// written from the spec's text, sharing nothing with Ladepay's OCPI module.
// It keeps what it is sent (Client Owned Objects under {country_code}/
// {party_id}/{id}), applies PUT and PATCH as the spec says, and notes every
// push with when it arrived and every rule a push broke. Its mood makes it
// misbehave: 503, garbage, or no answer at all.
//
// - PUT replaces the object (a Location, an EVSE of one, a Connector of one,
//   a Tariff); PATCH changes only the fields given and "SHALL contain the
//   last_updated field"; a PUT or PATCH of an EVSE or Connector also sets the
//   new last_updated on its parents; DELETE removes a Tariff.
// - The URL's country_code and party_id "SHALL be the same value" as the
//   pushed object's, the URL's id the object's (else OCPI 2001); a PATCH of
//   an object it does not have is HTTP 404 (OCPI 2003).
// - Routing headers: "these four headers SHALL be implemented for any
//   request/response to/from a Functional Module".

export type ReceiverMood = 'normal' | 'unavailable' | 'garbage' | 'silent';

type Json = Record<string, unknown>;

export interface PushSeen {
  method: string;
  path: string; // below /ocpi/2.2.1/
  body: Json | undefined;
  at: number; // Date.now() when it arrived
  answered: number; // the HTTP status it got (0: none)
  accepted: boolean; // answered with OCPI 1000: it took the push
}

export interface Receiver {
  mood: ReceiverMood;
  pushes: PushSeen[]; // every push that reached it, answered or not
  problems: string[]; // every rule of the spec a push broke
  location(id: string): Json | undefined;
  // The object filed under this country code, party id and id (the push's path).
  locationAt(countryCode: string, partyId: string, id: string): Json | undefined;
  tariffAt(countryCode: string, partyId: string, id: string): Json | undefined;
  tariff(id: string): Json | undefined;
  tariffIds(): string[];
  // Loses every object it was sent, as a platform restored from an old backup.
  forget(): void;
  handles(path: string): boolean;
  handle(method: string, path: string, headers: IncomingHttpHeaders, body: unknown, res: ServerResponse): void;
  stop(): void;
}

const BASE = '/ocpi/2.2.1/';
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const upper = (s: string) => s.toUpperCase(); // CiString: case-insensitive
const envelope = (code: number, message: string) => ({ status_code: code, status_message: message, timestamp: new Date().toISOString() });

export function startReceiver(): Receiver {
  const locations = new Map<string, Json>();
  const tariffs = new Map<string, Json>();
  const waiting = new Set<ServerResponse>();
  const key = (cc: string, party: string, id: string) => `${upper(cc)}/${upper(party)}/${upper(id)}`;

  const answer = (seen: PushSeen, res: ServerResponse, http: number, code: number, message: string) => {
    seen.answered = http;
    seen.accepted = code === 1000;
    res.writeHead(http, { 'content-type': 'application/json', 'ocpi-from-country-code': 'NL', 'ocpi-from-party-id': 'NDW' }).end(JSON.stringify(envelope(code, message)));
  };

  function checkHeaders(r: Receiver, headers: IncomingHttpHeaders, body: unknown, method: string) {
    for (const h of ['ocpi-from-country-code', 'ocpi-from-party-id', 'ocpi-to-country-code', 'ocpi-to-party-id']) if (!headers[h]) r.problems.push(`${method}: no ${h} header`);
    if (headers['ocpi-to-party-id'] && upper(String(headers['ocpi-to-party-id'])) !== 'NDW') r.problems.push(`${method}: OCPI-to-party-id is not this platform's`);
    if (body !== undefined && !String(headers['content-type'] ?? '').startsWith('application/json')) r.problems.push(`${method}: a body without Content-Type application/json`);
    if (!headers['x-request-id'] || !headers['x-correlation-id']) r.problems.push(`${method}: no X-Request-ID or X-Correlation-ID`);
  }

  // The parent of the object at ids (a Location, or an EVSE of one), and the object itself.
  function find(cc: string, party: string, ids: string[]): { parent: Json | undefined; list: Json[] | undefined; object: Json | undefined; chain: Json[] } {
    const [locationId = '', evseUid, connectorId] = ids;
    const location = locations.get(key(cc, party, locationId));
    if (evseUid === undefined) return { parent: undefined, list: undefined, object: location, chain: [] };
    const evses = location && (Array.isArray(location.evses) ? (location.evses as Json[]) : (location.evses = []));
    const evse = evses?.find((e) => upper(String(e.uid)) === upper(evseUid));
    if (connectorId === undefined) return { parent: location, list: evses, object: evse, chain: location ? [location] : [] };
    const connectors = evse && (evse.connectors as Json[]);
    return { parent: evse, list: connectors, object: connectors?.find((c) => upper(String(c.id)) === upper(connectorId)), chain: [location, evse].filter(isJson) };
  }

  function locationsPush(r: Receiver, seen: PushSeen, res: ServerResponse, segments: string[], body: unknown) {
    const [cc = '', party = '', ...ids] = segments;
    const idField = ids.length === 1 ? 'id' : ids.length === 2 ? 'uid' : 'id';
    if (ids.length < 1 || ids.length > 3 || !isJson(body)) return answer(seen, res, 400, 2001, 'Invalid or missing parameters');
    const found = find(cc, party, ids);
    if (seen.method === 'PUT') {
      if (upper(String(body[idField])) !== upper(ids.at(-1) ?? '')) r.problems.push(`PUT ${seen.path}: the object's ${idField} is not the URL's`);
      if (ids.length === 1 && (upper(String(body.country_code)) !== upper(cc) || upper(String(body.party_id)) !== upper(party))) r.problems.push(`PUT ${seen.path}: country_code/party_id differ from the URL's`);
      if (typeof body.last_updated !== 'string') r.problems.push(`PUT ${seen.path}: no last_updated`);
      if (ids.length === 1) locations.set(key(cc, party, ids[0] ?? ''), structuredClone(body));
      else if (!found.list) return answer(seen, res, 404, 2003, 'Unknown Location');
      else {
        const at = found.list.indexOf(found.object as Json);
        if (at >= 0) found.list[at] = structuredClone(body);
        else found.list.push(structuredClone(body));
      }
    } else {
      if (typeof body.last_updated !== 'string') {
        r.problems.push(`PATCH ${seen.path}: no last_updated`);
        return answer(seen, res, 200, 2001, 'Any request to the PATCH method SHALL contain the last_updated field');
      }
      if (!found.object) return answer(seen, res, 404, 2003, 'Unknown Location');
      Object.assign(found.object, structuredClone(body));
    }
    // A change of an EVSE or a Connector is a change of its parents.
    for (const parent of found.chain) if (typeof body.last_updated === 'string' && body.last_updated > String(parent.last_updated)) parent.last_updated = body.last_updated;
    return answer(seen, res, 200, 1000, 'Success');
  }

  function tariffsPush(r: Receiver, seen: PushSeen, res: ServerResponse, segments: string[], body: unknown) {
    const [cc = '', party = '', id = '', ...rest] = segments;
    if (!id || rest.length > 0) return answer(seen, res, 400, 2001, 'Invalid or missing parameters');
    if (seen.method === 'DELETE') {
      // OCPI 2.2.1 has no status code of its own for an unknown Tariff: HTTP 404 with the generic client error.
      if (!tariffs.delete(key(cc, party, id))) return answer(seen, res, 404, 2000, 'Unknown Tariff');
      return answer(seen, res, 200, 1000, 'Success');
    }
    if (seen.method !== 'PUT' || !isJson(body)) return answer(seen, res, 405, 2000, 'Tariffs take PUT and DELETE');
    if (upper(String(body.id)) !== upper(id) || upper(String(body.country_code)) !== upper(cc) || upper(String(body.party_id)) !== upper(party)) r.problems.push(`PUT ${seen.path}: the Tariff's ids differ from the URL's`);
    tariffs.set(key(cc, party, id), structuredClone(body));
    return answer(seen, res, 200, 1000, 'Success');
  }

  const r: Receiver = {
    mood: 'normal',
    pushes: [],
    problems: [],
    location: (id) => [...locations.entries()].find(([k]) => k.endsWith(`/${upper(id)}`))?.[1],
    locationAt: (cc, party, id) => locations.get(key(cc, party, id)),
    tariffAt: (cc, party, id) => tariffs.get(key(cc, party, id)),
    tariff: (id) => [...tariffs.entries()].find(([k]) => k.endsWith(`/${upper(id)}`))?.[1],
    tariffIds: () => [...tariffs.values()].map((t) => String(t.id)).sort(),
    forget() {
      locations.clear();
      tariffs.clear();
    },
    handles: (path) => /^\/ocpi\/2\.2\.1\/(locations|tariffs)\/[^/]+\/[^/]+\//.test(path),
    handle(method, path, headers, body, res) {
      const seen: PushSeen = { method, path: path.slice(BASE.length), body: isJson(body) ? body : undefined, at: Date.now(), answered: 0, accepted: false };
      r.pushes.push(seen);
      if (r.mood === 'silent') {
        waiting.add(res);
        return;
      }
      if (r.mood !== 'normal') {
        // Down: 503 from whatever stands in front of it, or a page that is no OCPI answer.
        seen.answered = r.mood === 'unavailable' ? 503 : 200;
        res.writeHead(seen.answered, { 'content-type': r.mood === 'unavailable' ? 'text/plain' : 'text/html' }).end(r.mood === 'unavailable' ? 'Service Unavailable' : '<html><body>Gateway says hello</body></html>');
        return;
      }
      checkHeaders(r, headers, body, `${method} ${seen.path}`);
      const [module, ...segments] = seen.path.split('/').map(decodeURIComponent);
      if (module === 'tariffs') return tariffsPush(r, seen, res, segments, body);
      if (method !== 'PUT' && method !== 'PATCH') return answer(seen, res, 405, 2000, 'Locations take PUT and PATCH');
      return locationsPush(r, seen, res, segments, body);
    },
    stop() {
      for (const res of waiting) res.destroy();
      waiting.clear();
    },
  };
  return r;
}
