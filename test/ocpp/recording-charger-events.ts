import type { StationLimit } from '../../src/core/cost-limit.ts';
import { EventEmitter } from 'node:events';
import type {
  ChargerEvents,
  ChargingStateChanged,
  ConnectorStatusChanged,
  IdTagVerdict,
  MeterSample,
  StationBooted,
  StationConnected,
  TransactionActive,
  TransactionEnded,
  TransactionStarted,
} from '../../src/usecases/ports/charger.ts';

export type RecordedEvent =
  | { type: 'stationConnected'; e: StationConnected }
  | { type: 'stationDisconnected'; e: { stationId: string; at: Date } }
  | { type: 'stationBooted'; e: StationBooted }
  | { type: 'stationReady'; e: { stationId: string; at: Date } }
  | { type: 'stationSeen'; e: { stationId: string; at: Date } }
  | { type: 'connectorStatus'; e: ConnectorStatusChanged }
  | { type: 'chargingState'; e: ChargingStateChanged }
  | { type: 'authorize'; e: { stationId: string; idTag: string } }
  | { type: 'transactionStarted'; e: TransactionStarted }
  | { type: 'meterValues'; e: MeterSample }
  | { type: 'transactionActive'; e: TransactionActive }
  | { type: 'transactionEnded'; e: TransactionEnded };

type EventOf<T extends RecordedEvent['type']> = Extract<RecordedEvent, { type: T }>['e'];

// A tiny session layer for the adapter's tests: records every event, answers
// authorize for the tags it knows, allocates 1.6 transaction ids (the same
// start twice gets the same id) and can be told to fail once.
export class RecordingChargerEvents implements ChargerEvents {
  readonly recorded: RecordedEvent[] = [];
  readonly knownTags = new Set<string>();
  // What an accepted transaction is held to (OCPP 2.1 transactionLimit).
  limit: StationLimit | undefined;
  // Transactions a session layer started before (e.g. before a restart), by JSON [stationId, transactionId].
  readonly knownTransactions = new Map<string, number>();
  private readonly emitter = new EventEmitter();
  private readonly transactionIds = new Map<string, string>();
  private readonly failures = new Map<RecordedEvent['type'], Error>();
  private readonly gates = new Map<string, Promise<void>>();
  private nextTransactionId = 1;

  of<T extends RecordedEvent['type']>(type: T, stationId?: string): EventOf<T>[] {
    return this.recorded
      .filter((r): r is Extract<RecordedEvent, { type: T }> => r.type === type)
      .map((r) => r.e)
      .filter((e) => stationId === undefined || e.stationId === stationId) as EventOf<T>[];
  }

  // Resolves with the first recorded event of this type (past or future) that
  // matches; the test's own timeout bounds the wait.
  waitFor<T extends RecordedEvent['type']>(type: T, match: (e: EventOf<T>) => boolean = () => true): Promise<EventOf<T>> {
    const matches = match as (e: RecordedEvent['e']) => boolean;
    const seen = this.of(type).find(match);
    const waiting = new Promise<RecordedEvent['e']>((resolve) => {
      if (seen) return resolve(seen);
      const listener = (e: RecordedEvent['e']) => {
        if (!matches(e)) return;
        this.emitter.off(type, listener);
        resolve(e);
      };
      this.emitter.on(type, listener);
    });
    return waiting as Promise<EventOf<T>>;
  }

  failNext(type: RecordedEvent['type'], error = new Error(`${type} failed on purpose`)): void {
    this.failures.set(type, error);
  }

  // Holds every `type` event of one station until the returned release() is called.
  hold(type: RecordedEvent['type'], stationId: string): () => void {
    let release: () => void = () => undefined;
    this.gates.set(JSON.stringify([type, stationId]), new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.gates.delete(JSON.stringify([type, stationId]));
      release();
    };
  }

  private async record(event: RecordedEvent): Promise<void> {
    const failure = this.failures.get(event.type);
    if (failure) {
      this.failures.delete(event.type);
      throw failure;
    }
    await this.gates.get(JSON.stringify([event.type, event.e.stationId]));
    this.recorded.push(event);
    this.emitter.emit(event.type, event.e);
  }

  async stationConnected(e: StationConnected): Promise<void> {
    await this.record({ type: 'stationConnected', e });
  }
  async stationDisconnected(stationId: string, at: Date): Promise<void> {
    await this.record({ type: 'stationDisconnected', e: { stationId, at } });
  }
  async stationBooted(e: StationBooted): Promise<void> {
    await this.record({ type: 'stationBooted', e });
  }
  async stationReady(stationId: string, at: Date): Promise<void> {
    await this.record({ type: 'stationReady', e: { stationId, at } });
  }
  async stationSeen(stationId: string, at: Date): Promise<void> {
    await this.record({ type: 'stationSeen', e: { stationId, at } });
  }
  async connectorStatus(e: ConnectorStatusChanged): Promise<void> {
    await this.record({ type: 'connectorStatus', e });
  }
  async chargingState(e: ChargingStateChanged): Promise<void> {
    await this.record({ type: 'chargingState', e });
  }
  async authorize(stationId: string, idTag: string): Promise<IdTagVerdict> {
    await this.record({ type: 'authorize', e: { stationId, idTag } });
    return this.knownTags.has(idTag) ? 'accepted' : 'invalid';
  }
  async transactionStarted(e: TransactionStarted): Promise<{ verdict: IdTagVerdict; transactionId: string; limit?: StationLimit }> {
    await this.record({ type: 'transactionStarted', e });
    const verdict = this.knownTags.has(e.idTag) || e.remoteStartId !== undefined ? 'accepted' : 'invalid';
    const limit = verdict === 'accepted' && this.limit ? { limit: this.limit } : {};
    if (e.stationTransactionId !== undefined) return { verdict, transactionId: e.stationTransactionId, ...limit };
    const key = JSON.stringify([e.stationId, e.connectorNo, e.idTag, e.meterStartWh, e.at.toISOString()]);
    let transactionId = this.transactionIds.get(key);
    if (transactionId === undefined) {
      transactionId = String(this.nextTransactionId++);
      this.transactionIds.set(key, transactionId);
    }
    return { verdict, transactionId };
  }
  async meterValues(e: MeterSample): Promise<void> {
    await this.record({ type: 'meterValues', e });
  }
  async transactionActive(e: TransactionActive): Promise<void> {
    await this.record({ type: 'transactionActive', e });
  }
  async transactionKnown(stationId: string, transactionId: string): Promise<{ connectorNo: number } | undefined> {
    const key = JSON.stringify([stationId, transactionId]);
    const started = this.of('transactionStarted', stationId).find((e) => e.stationTransactionId === transactionId);
    const connectorNo = started?.connectorNo ?? this.knownTransactions.get(key);
    return connectorNo === undefined ? undefined : { connectorNo };
  }
  async transactionEnded(e: TransactionEnded): Promise<{ ours: boolean }> {
    await this.record({ type: 'transactionEnded', e });
    return { ours: e.idTag === undefined || this.knownTags.has(e.idTag) };
  }
}
