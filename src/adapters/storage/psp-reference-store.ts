import type { Kysely } from 'kysely';
import type { PspReferences } from '../../usecases/ports/psp-references.ts';
import type { Database } from './schema.ts';

// The PSP reference beside its session (migration 0009). A payment keeps one
// PSP reference, so the first one read is kept and a later read writes nothing.
export class PspReferenceStore implements PspReferences {
  constructor(private readonly db: Kysely<Database>) {}

  async record(reference: string, pspReference: string): Promise<void> {
    await this.db.updateTable('sessions').set({ psp_reference: pspReference }).where('vipps_reference', '=', reference).where('psp_reference', 'is', null).execute();
  }
}
