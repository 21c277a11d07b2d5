// A partner's OCPI interface, called with the partner's token (the adapter
// puts it in `Authorization: Token <base64>` and unwraps the response
// envelope). An answer the partner could not give (no connection, a timeout,
// an HTTP error, no envelope, an OCPI status outside 1xxx) is a value saying
// so, never an exception: the handshake turns it into 3001.
export type PeerAnswer = { ok: true; data: unknown } | { ok: false; problem: string };

export interface OcpiPeer {
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, body?: unknown): Promise<PeerAnswer>;
}
