import { Ajv, type ErrorObject, type SchemaObject } from 'ajv';
import type { Session } from '../../core/session/session.ts';
import { sessionSchema } from './session-schema.ts';

// How a session is kept in sessions.data: the session's own fields with the
// version of this format, "v", first: {"v":2,"id":"…",…}. Flat rather than
// wrapped, so a row still reads as the session it is, by hand and in SQL.
// ("v" is the format; the row's `version` column counts its saves.)
//
// Reading upgrades an older row one version at a time, then checks the result
// against the schema: a session is either whole and of its type, or an error
// naming the row and the failing place. Never its content: the row holds the
// token of the driver's status page.
export const SESSION_FORMAT_VERSION = 2;

type StoredFields = Record<string, unknown>;

// UPGRADES[n] turns a row of version n into one of version n + 1. A change to
// the Session type that older rows cannot meet as they are (a new required
// field, a renamed state) bumps the version and adds its step here.
const UPGRADES: Readonly<Record<number, (row: StoredFields) => StoredFields>> = {
  // Rows written before the format had a version. Every field added to
  // Session since the first row was stored is optional, and the bill stored
  // since migration 0006 has the shape priced sessions had before it. One
  // default is left to fill: stopOwed came after the stopping state, and a
  // session stopping when it was stored owes its station that stop
  // (migration 0003 set its stop_owed column so).
  1: (row) => (row.stopOwed === undefined && row.state === 'stopping' ? { ...row, stopOwed: true } : row),
};

export class StoredSessionError extends Error {
  constructor(
    readonly sessionId: string,
    readonly path: string,
    problem: string,
    writing = false,
  ) {
    super(`session ${sessionId} cannot be ${writing ? 'stored' : 'read'}: ${path === '' ? 'the row' : path} ${problem}`);
    this.name = 'StoredSessionError';
  }
}

// Compiled once, when the module loads.
const validate = new Ajv({ allErrors: false, strict: true }).compile<Session>(withoutNull(sessionSchema as SchemaObject, ''));

// Checked on the way in too, so a session that could not be read back is
// never written: the change fails and the row keeps its last good state.
export function encodeSession(session: Session): string {
  assertSession(session, session.id, true);
  return JSON.stringify({ v: SESSION_FORMAT_VERSION, ...session });
}

// rowId: the id of the row the JSON was read from.
export function decodeSession(json: string, rowId: string): Session {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    // Not the parser's message: it quotes the text it choked on.
    throw new StoredSessionError(rowId, '', 'is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new StoredSessionError(rowId, '', 'is not a JSON object');
  const { v = 1, ...fields } = parsed as StoredFields;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new StoredSessionError(rowId, '/v', 'is not a format version');
  if (v > SESSION_FORMAT_VERSION) throw new StoredSessionError(rowId, '/v', `is ${v}, newer than this Ladepay reads (${SESSION_FORMAT_VERSION})`);
  let row = fields;
  for (let from = v; from < SESSION_FORMAT_VERSION; from++) {
    const step = UPGRADES[from];
    if (!step) throw new Error(`no upgrade of stored sessions from format ${from}`);
    row = step(row);
  }
  assertSession(row, rowId);
  if (row.id !== rowId) throw new StoredSessionError(rowId, '/id', 'does not match the row');
  return row;
}

function assertSession(value: unknown, id: string, writing = false): asserts value is Session {
  if (validate(value)) return;
  const e: ErrorObject | undefined = validate.errors?.[0];
  if (e?.keyword === 'required') throw new StoredSessionError(id, `${e.instancePath}/${String(e.params.missingProperty)}`, 'is missing', writing);
  throw new StoredSessionError(id, e?.instancePath ?? '', e?.message ?? 'is invalid', writing);
}

// JSONSchemaType marks every optional property `nullable: true`, which would
// let null through; a session never holds null (JSON drops what is undefined),
// so here null is damage and the mark is dropped. The one drift the compiler
// cannot see is checked on the way: a required field left out of `required`.
function withoutNull(node: SchemaObject, at: string): SchemaObject {
  const out: SchemaObject = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === 'nullable') continue;
    if (keyword === 'items') out[keyword] = withoutNull(value as SchemaObject, `${at}[]`);
    else if (keyword === 'properties') {
      const required: unknown[] = Array.isArray(node.required) ? node.required : [];
      out[keyword] = Object.fromEntries(
        Object.entries(value as Record<string, SchemaObject>).map(([name, property]) => {
          if (property.nullable !== true && !required.includes(name)) throw new Error(`session schema: ${at}/${name} is required by its type but not by the schema`);
          return [name, withoutNull(property, `${at}/${name}`)];
        }),
      );
    } else out[keyword] = value;
  }
  return out;
}

// Decodes each row of a list, leaving out (and reporting) the ones that fail.
export function readableRows<R, T>(rows: readonly R[], decode: (row: R) => T, onUnreadable: (error: StoredSessionError) => void): T[] {
  const out: T[] = [];
  for (const row of rows) {
    try {
      out.push(decode(row));
    } catch (e) {
      if (!(e instanceof StoredSessionError)) throw e;
      onUnreadable(e);
    }
  }
  return out;
}
