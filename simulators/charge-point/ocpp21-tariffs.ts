import { createRPCError } from 'ocpp-rpc';
import { queueTransactionEvent } from './ocpp201-transaction-event.ts';
import { checkTariff, type Tariff } from './tariff.ts';
import { NO_USAGE } from './tariff-cost.ts';
import { transactionUsage } from './transaction.ts';
import type { TariffAssignment } from './tariff-store.ts';
import type { StationView } from './station-view.ts';

// OCPP 2.1 tariffs (functional block I: SetDefaultTariff, ClearTariffs,
// GetTariffs, ChangeTransactionTariff), for a station whose
// TariffCostCtrlr.Enabled[Tariff] is true. TariffSetStatusEnumType has no value for a station without the
// feature: it answers the CallError NotSupported, as for any feature it lacks.

export const TARIFF_ACTIONS_21 = ['SetDefaultTariff', 'ClearTariffs', 'GetTariffs', 'ChangeTransactionTariff'];

export function registerTariffs21(view: StationView): void {
  const link = view.link;
  if (!view.options.tariffs) {
    for (const action of TARIFF_ACTIONS_21) {
      link.handle(action, () => {
        throw createRPCError('NotSupported', `${action}: this station takes no tariffs`);
      }, 'ocpp2.1');
    }
    return;
  }

  link.handle('SetDefaultTariff', (p) => {
    const { evseId, tariff } = p as { evseId: number; tariff: Tariff };
    if (evseId !== 0 && !view.connector(evseId)) return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } };
    const check = checkTariff(tariff);
    if (check !== 'Accepted') return { status: check };
    return { status: view.tariffs.setDefault(evseId, tariff) };
  }, 'ocpp2.1');

  link.handle('ClearTariffs', (p) => {
    const { tariffIds, evseId } = p as { tariffIds?: string[]; evseId?: number };
    return { clearTariffsResult: view.tariffs.clear(tariffIds, evseId) };
  }, 'ocpp2.1');

  link.handle('GetTariffs', (p) => {
    const { evseId } = p as { evseId: number };
    const tariffAssignments: TariffAssignment[] = view.tariffs.assignments(evseId);
    // A tariff given to a running transaction is that driver's.
    for (const c of view.connectors()) {
      const segment = c.tx?.tariffs.at(-1);
      if (segment?.kind === 'DriverTariff' && (evseId === 0 || evseId === c.no)) {
        tariffAssignments.push({ tariffId: segment.tariff.tariffId, tariffKind: 'DriverTariff', evseIds: [c.no] });
      }
    }
    return tariffAssignments.length > 0 ? { status: 'Accepted', tariffAssignments } : { status: 'NoTariff' };
  }, 'ocpp2.1');

  // The transaction is priced by this tariff from now on; what it used before
  // stays priced as it was (or, if it had no tariff, this one prices it all).
  link.handle('ChangeTransactionTariff', (p) => {
    const { transactionId, tariff } = p as { transactionId: string; tariff: Tariff };
    const c = view.connectors().find((x) => x.tx?.localId === transactionId);
    const tx = c?.tx;
    if (!c || !tx) return { status: 'TxNotFound' };
    const check = checkTariff(tariff);
    if (check !== 'Accepted') return { status: check };
    const current = tx.tariffs.at(-1);
    if (current && current.tariff.currency !== tariff.currency) return { status: 'NoCurrencyChange' };
    view.sync();
    tx.tariffs.push({ tariff, from: current ? transactionUsage(tx, c.meter.registerWh) : NO_USAGE, kind: 'DriverTariff' });
    link.afterReply(() => {
      if (!tx.ended) queueTransactionEvent(view, c, tx, 'Updated', 'TariffChanged', {});
    });
    return { status: 'Accepted' };
  }, 'ocpp2.1');
}
