import type { Session } from './session.ts';
import type { SessionCommand } from './session-input.ts';

// Every command decide() can ask for, declared once: its outbox kind, its key
// (the outbox's, and the Vipps Idempotency-Key where the command is a Vipps
// call, so the same state change replayed can neither enqueue nor perform it
// twice), how long the outbox waits before running it, and how its payload is
// checked when read back. A command added to SessionCommand does not compile
// until it is declared here, and session-effects.ts has a handler for it.

export type CommandType = SessionCommand['type'];
export type CommandOf<K extends CommandType> = Extract<SessionCommand, { type: K }>;
export type CommandKind = `session.${CommandType}`;

interface CommandSpec<K extends CommandType> {
  key(session: Session, command: CommandOf<K>): string;
  delayMs: number;
  // It talks to the session's station: it runs on the node holding the
  // station's socket (docs/deploy.md).
  atStation?: true;
  // The command's own fields, checked when its payload is read back.
  fields(command: Record<string, unknown>): boolean;
}

const none = (): boolean => true;
const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;

const COMMANDS: { readonly [K in CommandType]: CommandSpec<K> } = {
  // The payment is created inline while the driver waits for the redirect;
  // the outbox copy is only the safety net for a crash, so it waits a little.
  create_payment: { key: (s) => `create-${s.id}`, delayMs: 30_000, fields: none },
  remote_start: { key: (s, c) => `start-${s.id}-${c.attempt}`, delayMs: 0, atStation: true, fields: (c) => isCount(c.attempt) },
  // Numbered: a stop repeated after a reconnect is a new item even when the
  // first one was delivered and done (unnumbered: the cost guard's).
  remote_stop: {
    key: (s, c) => `stop-${s.id}-${s.transactionId ?? 'none'}${c.attempt ? `-${c.attempt}` : ''}`,
    delayMs: 0,
    atStation: true,
    fields: (c) => c.attempt === undefined || isCount(c.attempt),
  },
  query_transaction: { key: (s) => `query-${s.id}-${s.transactionId ?? 'none'}-${s.updatedAt}`, delayMs: 0, atStation: true, fields: none },
  check_connector: { key: (s) => `check-connector-${s.id}`, delayMs: 0, atStation: true, fields: none },
  capture: { key: (s) => `capture-${s.id}`, delayMs: 0, fields: (c) => isCount(c.amountOre) },
  capture_idle: { key: (s) => `capture-idle-${s.id}`, delayMs: 0, fields: (c) => isCount(c.amountOre) },
  cancel: { key: (s) => `cancel-${s.id}`, delayMs: 0, fields: none },
  send_receipt: { key: (s) => `receipt-${s.id}`, delayMs: 0, fields: none },
  // Best effort: its handler is done whatever the station answers.
  show_final_cost: { key: (s) => `final-cost-${s.id}`, delayMs: 0, atStation: true, fields: none },
};

export const COMMAND_TYPES = Object.keys(COMMANDS) as CommandType[];

function spec<K extends CommandType>(type: K): CommandSpec<K> {
  return COMMANDS[type];
}

export function commandKey(session: Session, command: SessionCommand): string {
  return spec(command.type).key(session, command as never);
}

export interface CommandPayload {
  sessionId: string;
  command: SessionCommand;
}

// What the outbox keeps of a command, all from its declaration: its kind, its
// key, its payload, when it may run, and the station whose node runs it.
export interface CommandItem {
  kind: CommandKind;
  key: string;
  payload: CommandPayload;
  runAfter: Date;
  stationId: string | undefined;
}

export function commandItem(session: Session, command: SessionCommand, now: Date): CommandItem {
  const declared = spec(command.type);
  return {
    kind: `session.${command.type}`,
    key: commandKey(session, command),
    payload: { sessionId: session.id, command },
    runAfter: new Date(now.getTime() + declared.delayMs),
    stationId: declared.atStation ? session.stationId : undefined,
  };
}

// A payload read back from the outbox, checked against its kind: undefined
// when it is not one a command of that kind could have written.
export function readCommandPayload(kind: string, payload: unknown): CommandPayload | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { sessionId, command } = payload as Record<string, unknown>;
  if (typeof sessionId !== 'string' || typeof command !== 'object' || command === null) return undefined;
  const fields = command as Record<string, unknown>;
  const type = fields.type;
  if (typeof type !== 'string' || !(COMMAND_TYPES as string[]).includes(type) || kind !== `session.${type}`) return undefined;
  return spec(type as CommandType).fields(fields) ? { sessionId, command: fields as unknown as SessionCommand } : undefined;
}
