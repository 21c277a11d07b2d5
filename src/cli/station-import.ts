import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { generatedStationPassword } from '../adapters/security/station-secret.ts';
import { StationStore } from '../adapters/storage/station-store.ts';
import { readImportCsv } from '../usecases/operator/station-import-csv.ts';
import { stationImport, type ImportPlan } from '../usecases/operator/station-import.ts';
import { importLines, importStepText } from '../usecases/operator/station-import-summary.ts';
import { withDatabase } from './with-database.ts';

function printPlan(plan: ImportPlan, out: (line: string) => void): void {
  for (const step of plan.steps) out(`${importLines(step)}: ${importStepText(step)}`);
  for (const e of plan.errors) out(`line ${e.line}: error: ${e.message}`);
}

// `station import <file.csv> [--dry-run]`: stations and connectors from a CSV
// (docs/station-import.md). The plan is printed first; with --dry-run nothing
// else happens, and a file with any error changes nothing.
export async function runStationImport(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('station import: a CSV file is required (station import <file.csv> [--dry-run])\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`station import: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const read = readImportCsv(text);
  if (!read.ok) {
    for (const e of read.errors) process.stderr.write(`line ${e.line}: error: ${e.message}\n`);
    return 1;
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  return withDatabase(config, async ({ db }) => {
    const importer = stationImport({
      stations: new StationStore(db),
      now: () => new Date(),
      makePassword: generatedStationPassword,
    });
    if (values['dry-run']) {
      const plan = await importer.plan(read.rows);
      printPlan(plan, out);
      out(plan.errors.length > 0 ? `Dry run: ${plan.errors.length} error(s); nothing would be imported.` : 'Dry run: nothing was changed.');
      return plan.errors.length > 0 ? 1 : 0;
    }
    const r = await importer.run(read.rows);
    printPlan(r.plan, out);
    if (!r.ok) {
      out(`${r.plan.errors.length} error(s): nothing was imported.`);
      return 1;
    }
    const base = config.publicUrl ?? `http://localhost:${config.port}`;
    for (const s of r.created) {
      out(`Station ${s.stationId}: password ${s.password}   (shown once; store it in the station now)`);
      for (const c of s.connectors) out(`  connector ${c.connectorNo}: code ${c.code}  ${base}/c/${c.code}`);
    }
    out(`Imported: ${r.plan.steps.filter((s) => s.kind !== 'unchanged').length} change(s).`);
    return 0;
  });
}
