import type { Tariff } from './tariff.ts';

// The default tariffs a 2.1 station keeps (SetDefaultTariff, GetTariffs,
// ClearTariffs): per EVSE or, with evseId 0, for all; several may wait for
// their validFrom. A transaction takes the one in force at its start.

interface Entry {
  evseId: number;
  tariff: Tariff;
}

export interface TariffAssignment {
  tariffId: string;
  tariffKind: 'DefaultTariff' | 'DriverTariff';
  validFrom?: string;
  evseIds: number[];
}

export class TariffStore {
  private entries: Entry[] = [];

  // 'DuplicateTariffId': the id is taken by a tariff with other content.
  setDefault(evseId: number, tariff: Tariff): 'Accepted' | 'DuplicateTariffId' {
    const same = this.entries.filter((e) => e.tariff.tariffId === tariff.tariffId);
    if (same.some((e) => JSON.stringify(e.tariff) !== JSON.stringify(tariff))) return 'DuplicateTariffId';
    // One tariff in force per EVSE and start time: a newer one with the same validFrom replaces it.
    this.entries = this.entries.filter((e) => e.evseId !== evseId || (e.tariff.validFrom ?? '') !== (tariff.validFrom ?? ''));
    this.entries.push({ evseId, tariff });
    return 'Accepted';
  }

  // The EVSE's own tariff before the station's; of those in force, the latest to come into force.
  inForce(evseId: number, now: Date): Tariff | undefined {
    const started = (e: Entry) => (e.tariff.validFrom ? Date.parse(e.tariff.validFrom) : -Infinity);
    for (const scope of [evseId, 0]) {
      const candidates = this.entries.filter((e) => e.evseId === scope && started(e) <= now.getTime());
      const latest = candidates.sort((a, b) => started(b) - started(a))[0];
      if (latest) return latest.tariff;
    }
    return undefined;
  }

  // ClearTariffs: the given ids (or every default tariff), on the given EVSE (or all).
  clear(tariffIds: readonly string[] | undefined, evseId: number | undefined): Array<{ tariffId?: string; status: 'Accepted' | 'NoTariff' }> {
    const inScope = (e: Entry) => evseId === undefined || evseId === 0 || e.evseId === evseId;
    if (!tariffIds) {
      const before = this.entries.length;
      this.entries = this.entries.filter((e) => !inScope(e));
      return [{ status: this.entries.length < before ? 'Accepted' : 'NoTariff' }];
    }
    return tariffIds.map((tariffId) => {
      const before = this.entries.length;
      this.entries = this.entries.filter((e) => !(inScope(e) && e.tariff.tariffId === tariffId));
      return { tariffId, status: this.entries.length < before ? 'Accepted' : 'NoTariff' };
    });
  }

  // GetTariffs: evseId 0 asks for every EVSE.
  assignments(evseId: number): TariffAssignment[] {
    const byId = new Map<string, TariffAssignment>();
    for (const e of this.entries) {
      if (evseId !== 0 && e.evseId !== evseId && e.evseId !== 0) continue;
      const found = byId.get(e.tariff.tariffId);
      if (found) found.evseIds.push(e.evseId);
      else byId.set(e.tariff.tariffId, { tariffId: e.tariff.tariffId, tariffKind: 'DefaultTariff', ...(e.tariff.validFrom ? { validFrom: e.tariff.validFrom } : {}), evseIds: [e.evseId] });
    }
    return [...byId.values()];
  }
}
