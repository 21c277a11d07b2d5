import { Ajv, type AnySchema } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

// The API's own validators. Bodies are checked strictly: no type coercion
// ("5" is not 5) and an unknown field is an error, not silently dropped, so a
// misspelt optional price cannot pass as absent. Query strings and path
// parameters are text by nature and are coerced.
export function useStrictValidation(app: FastifyInstance): void {
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  const strict = addFormats(new Ajv({ allErrors: false, coerceTypes: false, removeAdditional: false, useDefaults: true, strict: false }));
  const coercing = addFormats(new Ajv({ allErrors: false, coerceTypes: 'array', removeAdditional: false, useDefaults: true, strict: false }));
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as AnySchema));
}
