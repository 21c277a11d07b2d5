import type { Tariff } from '../tariff.ts';
import type { DriverLanguage, Session } from './session.ts';
import type { SessionCommand, SessionEvent } from './session-input.ts';

export interface NewSessionParams {
  id: string;
  token: string;
  reference: string;
  idTag: string;
  remoteStartId: number;
  stationId: string;
  connectorNo: number;
  connectorId: string;
  tariff: Tariff;
  maxPowerW: number; // the connector's, frozen like the tariff
  maxAmountOre: number;
  paymentMethod: 'WALLET' | 'CARD';
  language?: DriverLanguage;
  priceOnScreen?: boolean;
  qrOnScreen?: boolean;
}

// A new session starts waiting for its payment; creating the payment is its
// first side effect (through the outbox, so a crash right after still makes it).
export function newSession(p: NewSessionParams, now: Date): { session: Session; commands: SessionCommand[]; events: SessionEvent[] } {
  const at = now.toISOString();
  return {
    session: {
      ...p,
      state: 'awaiting_payment',
      createdAt: at,
      updatedAt: at,
      authorizedOre: 0,
      remoteStartsSent: 0,
      remoteStartsAnswered: 0,
      waitingForCar: false,
      capturedOre: 0,
      cancelledOre: 0,
      refundedOre: 0,
      receipt: 'none',
      flags: [],
    },
    commands: [{ type: 'create_payment' }],
    events: [{ type: 'session_created', data: { maxAmountOre: p.maxAmountOre, method: p.paymentMethod } }],
  };
}
