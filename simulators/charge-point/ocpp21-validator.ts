import { createRequire } from 'node:module';
import { createValidator } from 'ocpp-rpc';
import type { Validator } from 'ocpp-rpc/lib/validator.js';

// ocpp-rpc 2.2.1 ships the OCPP 2.1 schemas under the ids the OCA gave them
// (urn:BootNotificationRequest, urn:BootNotificationResponse) but looks every
// schema up as urn:<Action>.req / urn:<Action>.conf, the 1.6 and 2.0.1 form:
// with its own 2.1 validator strict mode refuses every 2.1 frame as a
// ProtocolError (mikuso/ocpp-rpc pull request #94). This validator holds the
// same schemas under the ids ocpp-rpc looks for, and replaces its own through
// the documented strictModeValidators option. The 2.1 schemas also put
// additionalProperties on their enumerations, which means nothing for a
// string and makes ajv warn on every schema it compiles: left out here.

let shared: Validator | undefined;

export function ocpp21Validator(): Validator {
  shared ??= build();
  return shared;
}

function build(): Validator {
  const require = createRequire(import.meta.url);
  const schemas = require('ocpp-rpc/lib/schemas/ocpp2_1.json') as Array<Record<string, unknown> & { $id: string }>;
  const renamed = schemas.map((schema) => ({ ...schema, $id: legacyId(schema.$id), definitions: withoutStringExtras(schema.definitions) }));
  return createValidator('ocpp2.1', renamed);
}

function withoutStringExtras(definitions: unknown): Record<string, unknown> | undefined {
  if (!definitions || typeof definitions !== 'object') return undefined;
  return Object.fromEntries(
    Object.entries(definitions).map(([name, def]: [string, Record<string, unknown>]) => {
      if (def.type === 'object') return [name, def];
      const { additionalProperties: _ignored, ...rest } = def;
      return [name, rest];
    }),
  );
}

function legacyId(id: string): string {
  const request = /^urn:(\w+)Request$/.exec(id);
  if (request) return `urn:${request[1]}.req`;
  const response = /^urn:(\w+)Response$/.exec(id);
  if (response) return `urn:${response[1]}.conf`;
  return id;
}
