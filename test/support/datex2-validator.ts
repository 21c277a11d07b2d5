import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// The AFIR DATEX II profile's own schemas (specs/datex2/01-00-00, README
// there): one Ajv per folder, every DATEXII_3_*.json added under its file
// name (they refer to each other by it), the 2020-12 build without strict
// mode, and the formats, which the profile's date-times and times rely on.
const SPECS = resolve(import.meta.dirname, '../../specs/datex2/01-00-00');

export type Datex2Folder = 'table' | 'status';

const ENTRY: Readonly<Record<Datex2Folder, string>> = { table: 'DATEXII_3_D2Payload.json', status: 'DATEXII_3_MessageContainer.json' };

export function datex2Validator(folder: Datex2Folder): (document: unknown) => ErrorObject[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const dir = join(SPECS, folder);
  for (const file of readdirSync(dir).filter((f) => /^DATEXII_3_.*\.json$/.test(f))) {
    ajv.addSchema(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object, file);
  }
  const validate = ajv.getSchema(ENTRY[folder]) as ValidateFunction;
  return (document) => (validate(document) ? [] : [...(validate.errors ?? [])]);
}

export function datex2Example(folder: Datex2Folder): unknown {
  const file = folder === 'table' ? 'EnergyInfrastructureTablePublication_rev2.json' : 'EnergyInfrastructureStatusPublication_rev2.json';
  return JSON.parse(readFileSync(join(SPECS, folder, file), 'utf8')) as unknown;
}
