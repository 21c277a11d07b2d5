// What stations and Vipps said, kept for the operator's timeline of a session.
// Times are ISO 8601 UTC text, as stored.

// One OCPP-J frame as it went over the station's socket.
export interface OcppFrame {
  id: number;
  stationId: string;
  direction: string; // 'in' from the station, 'out' to it
  kind: string; // 'call' | 'result' | 'error'
  action: string | null;
  messageId: string;
  payload: string;
  at: string;
}

// One Vipps webhook as it came.
export interface PaymentEvent {
  id: number;
  reference: string;
  name: string;
  pspReference: string;
  amountOre: number;
  success: boolean;
  occurredAt: string; // as Vipps stated it
  receivedAt: string;
}

export interface OcppFrames {
  // Newest first, at most `limit`, within [since, until] when given.
  forStation(stationId: string, limit?: number, since?: string, until?: string): Promise<OcppFrame[]>;
}

export interface PaymentEvents {
  // In the order they came.
  forReference(reference: string): Promise<PaymentEvent[]>;
}
