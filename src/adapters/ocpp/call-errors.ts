import { createRequire } from 'node:module';
import ocppRpc from 'ocpp-rpc';
import type { Validator } from 'ocpp-rpc/lib/validator.js';
import type { ProtocolVersion } from '../../usecases/ports/charger.ts';

// The one place where OCPP CallError codes are chosen.

const { RPCError } = ocppRpc;

// ocpp-rpc types createRPCError() as a plain record; it returns an RPCError.
function callError(code: string, description: string): Error {
  const err: unknown = ocppRpc.createRPCError(code, description, {});
  if (!(err instanceof Error)) throw new Error('ocpp-rpc createRPCError() returned no Error');
  return err;
}

// OCPP-J 1.6 §4.2.3 (table "Valid Error Codes") spells it FormationViolation,
// and the 1.6J errata (§5, "known issues that will not be fixed") keeps that
// spelling. OCPP-J 2.0.1 §4.3 spells it FormatViolation.
export function formatViolationCode(protocol: ProtocolVersion): 'FormationViolation' | 'FormatViolation' {
  return protocol === 'ocpp1.6' ? 'FormationViolation' : 'FormatViolation';
}

// OCPP-J: errorDescription is at most 255 characters.
const MAX_DESCRIPTION = 255;

// ocpp-rpc's strict mode answers a schema violation with a code chosen per
// JSON-schema keyword (TypeConstraintViolation, OccurenceConstraintViolation …)
// and, on 1.6, rewrites the latter to "OccurrenceConstraintViolation", which
// is in neither the 1.6 table nor its errata. Ladepay answers every schema
// violation with the version's format-violation code instead: the payload
// "does not conform to the PDU structure for the action" (OCPP-J 1.6 §4.2.3).
// These validators wrap ocpp-rpc's own, and replace them through its
// documented strictModeValidators option.
export function strictValidators(): Validator[] {
  const require = createRequire(import.meta.url);
  const standard: Validator[] = require('ocpp-rpc/lib/standard-validators.js');
  const wrapped: Validator[] = [];
  for (const protocol of ['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'] as const) {
    const base = standard.find((v) => v.subprotocol === protocol);
    if (!base) throw new Error(`ocpp-rpc has no validator for ${protocol}`);
    quietTypes(base);
    const validator: Validator = Object.create(base);
    validator.validate = (schemaId: string, params: unknown) => {
      try {
        return base.validate(protocol === 'ocpp2.1' ? schemaId21(schemaId) : schemaId, params);
      } catch (err) {
        if (!isSchemaViolation(err)) throw err;
        throw callError(formatViolationCode(protocol), err.message.slice(0, MAX_DESCRIPTION));
      }
    };
    wrapped.push(validator);
  }
  return wrapped;
}

// ocpp-rpc's validator attaches ajv's errors as details.errors; a missing
// schema (an unknown action) is a ProtocolError without them and stays as is.
function isSchemaViolation(err: unknown): err is Error {
  if (!(err instanceof RPCError) || !('details' in err)) return false;
  const details: unknown = err.details;
  return typeof details === 'object' && details !== null && 'errors' in details && Array.isArray(details.errors);
}

// ocpp-rpc answers a frame it cannot read as an RPC message with
// RpcFrameworkError or MessageTypeNotSupported, under message id "-1" when it
// found none. Neither code exists in OCPP-J 1.6, so there the answer becomes
// FormationViolation. In 2.0.1 a frame that is not JSON at all is answered with
// FormatViolation ("payload syntactically incorrect", §4.3); RpcFrameworkError
// stays for JSON that is not an RPC frame. The message id is recovered from
// the raw text when it is readable, so the station can match the error.
export function fixFramingErrorReply(protocol: ProtocolVersion, frame: string, reply: unknown[]): void {
  if (reply[0] !== 4) return;
  if (reply[1] === '-1') {
    const id = /^\s*\[\s*2\s*,\s*"([^"\\]{1,36})"/.exec(frame)?.[1];
    if (id !== undefined) reply[1] = id;
  }
  if (protocol === 'ocpp1.6') {
    reply[2] = 'FormationViolation';
  } else if (!isJson(frame)) {
    reply[2] = 'FormatViolation';
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// What a station sees when Ladepay itself fails: a stable code, no internals.
export function internalError(): Error {
  return callError('InternalError', 'The CSMS could not process the message');
}

export function isCallError(err: unknown): err is Error & { rpcErrorCode: string } {
  return err instanceof RPCError;
}

// The OCPP 2.1 schemas put additionalProperties on string enums, which ajv's
// strictTypes check logs to stderr as each schema is compiled. The schemas
// still validate as written; only the noise goes. ocpp-rpc builds its ajv
// without a way to pass options, so the instance's own option is set.
function quietTypes(validator: Validator): void {
  const ajv: unknown = (validator as unknown as { _ajv?: unknown })._ajv;
  if (ajv && typeof ajv === 'object' && 'opts' in ajv && ajv.opts && typeof ajv.opts === 'object') {
    (ajv.opts as { strictTypes?: boolean }).strictTypes = false;
  }
}

// ocpp-rpc asks for a payload's schema as "urn:<Action>.req" / ".conf", the
// ids of the 1.6 and 2.0.1 schemas it ships; its 2.1 schemas are named
// "urn:<Action>Request" / "Response", as OCPP 2.1 names them.
export function schemaId21(schemaId: string): string {
  return schemaId.replace(/\.req$/, 'Request').replace(/\.conf$/, 'Response');
}
