// The states of a drop-in session, and the groups the rest of Ladepay asks
// about, in one place: metrics, SQL filters, the console, the reconciler and
// the state machine read them from here (docs/session-states.md).

export const SESSION_STATES = [
  'awaiting_payment', // payment created in Vipps, waiting for the driver to approve
  'starting', // authorization confirmed by a GET; remote start sent or waiting for the car
  'charging', // the station reported the transaction started
  'stopping', // a stop was asked; waiting for the station to end the transaction
  'needs_review', // the transaction ended but could not be priced: the reservation is held until an operator decides
  'idling', // charging ended with the car still plugged in: energy captured, the idle-fee part held until it is unplugged
  'settling', // the transaction ended and is priced; capture and release under way
  'settled', // captured what was due and released the rest
  'payment_failed', // the driver rejected, never approved, or gave up before approving
  'start_failed', // paid but charging never started; the whole reservation is released
] as const;

export type SessionState = (typeof SESSION_STATES)[number];

// Rule 4: these hold the connector (the sessions table's unique
// active_connector_id). Every other state is ended.
export const ACTIVE_STATES = ['awaiting_payment', 'starting', 'charging', 'stopping'] as const satisfies readonly SessionState[];

// The charge is over, whatever the money still does.
export const ENDED_STATES = ['needs_review', 'idling', 'settling', 'settled', 'payment_failed', 'start_failed'] as const satisfies readonly SessionState[];

// Nothing more happens to the money: the ends of the diagram.
export const TERMINAL_STATES = ['settled', 'payment_failed', 'start_failed'] as const satisfies readonly SessionState[];

// Paid and at the station: its id tag is good there, and the reconciler
// ticks it so the start window and the station's silence take effect.
export const LIVE_STATES = ['starting', 'charging', 'stopping'] as const satisfies readonly SessionState[];

// The charge is over and the idle fee runs until the car is unplugged; the
// reconciler ticks these too, so the wait ends at the fee's cap.
export const UNPLUG_AWAITED_STATES = ['idling'] as const satisfies readonly SessionState[];

// The station has the transaction: meter values, end signals and its stop count.
export const RUNNING_STATES = ['charging', 'stopping'] as const satisfies readonly SessionState[];

// A driver's stop still does something here: cancels the payment, gives up
// the start or stops the charge. Elsewhere it was asked already, or is over.
export const DRIVER_STOPPABLE_STATES = ['awaiting_payment', 'starting', 'charging'] as const satisfies readonly SessionState[];

// Priced: the stored bill is what the session captures, shows and receipts.
export const BILLED_STATES = ['settling', 'settled'] as const satisfies readonly SessionState[];

export function stateIn<S extends SessionState>(group: readonly S[], state: string): state is S {
  return (group as readonly string[]).includes(state);
}

// A state read back from storage or a query string.
export function isSessionState(value: string): value is SessionState {
  return (SESSION_STATES as readonly string[]).includes(value);
}
