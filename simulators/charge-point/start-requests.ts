import type { ChargingControl } from './charging-control.ts';
import type { Connector, PendingStart } from './connector.ts';
import type { ResolvedOptions } from './charge-point-options.ts';
import type { Dialect, StationSettings } from './station-view.ts';
import type { StartAuth, TxTrigger } from './transaction.ts';

// How a transaction comes to be: a CSMS's remote start, or an idToken
// presented at the station (a card, a phone). Decided at once; carried out
// after the answer: Authorize when asked for, then the start, or (1.6) the
// wait for the cable.

export interface StartRequestsDeps {
  options: ResolvedOptions;
  settings: Readonly<StationSettings>;
  dialect(): Dialect;
  charging: ChargingControl;
  afterReply(work: () => void): void;
  // 2.1 NotifyWebPaymentStarted: the EVSE waits for the payment someone started at its QR code.
  paymentInProgress(evseId: number): boolean;
}

export class StartRequests {
  rejectRemoteStart = false;

  constructor(private readonly deps: StartRequestsDeps) {}

  remoteStart(auth: StartAuth, connectorNo?: number): 'Accepted' | 'Rejected' {
    const { charging, options } = this.deps;
    if (this.rejectRemoteStart || !charging.stationOperative) return 'Rejected';
    const c = connectorNo === undefined ? this.pickConnector() : charging.connector(connectorNo);
    if (!c || c.busy || c.fault || !c.operative) return 'Rejected';
    if (!c.car && options.requirePluggedInForRemoteStart && !options.autoPlugIn) return 'Rejected';
    // Claimed before answering, so a second request for the same connector is refused.
    const pending: PendingStart = { auth, authorized: false, waitedMs: 0 };
    c.pendingStart = pending;
    this.deps.afterReply(() => void this.carryOut(c, pending, this.deps.settings.authorizeRemoteStart, 'RemoteStart'));
    return 'Accepted';
  }

  // An idToken presented at the EVSE: always authorized with the CSMS. Refused
  // while the EVSE is busy, or waits for a payment started at its QR code.
  async localStart(c: Connector, auth: StartAuth): Promise<'Accepted' | 'Rejected'> {
    if (!this.deps.charging.stationOperative || c.busy || c.fault || !c.operative) return 'Rejected';
    if (this.deps.paymentInProgress(c.no)) return 'Rejected';
    const pending: PendingStart = { auth, authorized: false, waitedMs: 0 };
    c.pendingStart = pending;
    return (await this.carryOut(c, pending, true, 'Authorized')) ? 'Accepted' : 'Rejected';
  }

  private pickConnector(): Connector | undefined {
    const free = this.deps.charging.connectors.filter((c) => !c.busy && !c.fault && c.operative);
    return free.find((c) => c.car !== undefined) ?? free[0];
  }

  private async carryOut(c: Connector, pending: PendingStart, authorize: boolean, trigger: TxTrigger): Promise<boolean> {
    const { charging } = this.deps;
    const dialect = this.deps.dialect();
    if (!c.car && this.deps.options.autoPlugIn && trigger === 'RemoteStart') charging.putCar(c, {});
    charging.refreshStatus(c);
    const authorized = !authorize || (await dialect.authorize(pending.auth));
    if (c.pendingStart !== pending) return false; // stopped, faulted or rebooted meanwhile
    if (!authorized) {
      c.pendingStart = undefined;
      charging.refreshStatus(c);
      return false;
    }
    pending.authorized = true;
    // 1.6 waits in Preparing for the cable, up to ConnectionTimeOut.
    if (c.car || dialect.startsBeforePlugIn) charging.startTransaction(c, pending.auth, trigger);
    return true;
  }
}
