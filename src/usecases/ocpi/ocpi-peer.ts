// A partner's OCPI interface, called with the partner's token (the adapter
// puts it in `Authorization: Token <base64>` and unwraps the response
// envelope). An answer the partner could not give (no connection, a timeout,
// an HTTP error, no envelope, an OCPI status outside 1xxx) is a value saying
// so, never an exception: the handshake turns it into 3001, a push retries.
export type PeerAnswer =
  | { ok: true; data: unknown }
  // httpStatus and ocpiStatus when the partner answered with them.
  | { ok: false; problem: string; httpStatus?: number; ocpiStatus?: number };

// OCPI 2.2.1 message routing headers, sent with every request to a functional
// module (Locations, Tariffs …), never to the configuration modules.
export interface OcpiRouting {
  from: { countryCode: string; partyId: string };
  to: { countryCode: string; partyId: string };
}

export interface OcpiPeer {
  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, token: string, body?: unknown, routing?: OcpiRouting): Promise<PeerAnswer>;
}
