import type { ChargePoint, Frame } from '../simulators/charge-point/index.ts';
import { readingsOf } from './ocpp-readings.ts';
import type { SessionTruth, TxMessage, TxTruth } from './session-truth.ts';
import type { WorldClock } from './world-clock.ts';

// Watches one simulated station from outside: its meter as it moves, and every
// frame on its socket. What happens on a connector is written into the truth
// of the session that holds that connector; a transaction on a connector no
// session holds is kept as an orphan.

type Json = Record<string, unknown>;

interface Pending {
  message?: TxMessage;
  tx?: TxTruth;
  action: string;
  fromCsms?: { entry: { at: number; answer?: string; reasonCode?: string } };
}

const THIN_MS = 5_000; // keep a point of the register at least this often (world ms)

export class StationObserver {
  readonly orphans: TxTruth[] = [];
  online = false;
  private disrupted = false;
  private readonly holders = new Map<number, SessionTruth>();
  private readonly open = new Map<number, TxTruth>(); // the running transaction per connector
  private readonly byLocal = new Map<string, { tx: TxTruth; holder?: SessionTruth; connectorNo: number }>();
  private readonly byCsms = new Map<string, TxTruth>();
  private readonly pending = new Map<string, Pending>();
  private readonly skipped = new Map<TxTruth, [number, number]>();

  constructor(
    readonly stationId: string,
    readonly protocol: 'ocpp1.6' | 'ocpp2.0.1',
    private readonly clock: WorldClock,
  ) {}

  attach(station: ChargePoint): void {
    station.on('meter', (no, wh, at, localId) => this.meter(no as number, wh as number, (at as Date).getTime(), localId as string | undefined));
    station.on('transactionEnded', (no, _id, reason, info) => this.ended(no as number, String(reason), (info as { reported?: boolean } | undefined)?.reported === false));
    station.on('connected', () => this.link(true));
    station.on('disconnected', () => this.link(false));
  }

  hold(connectorNo: number, truth: SessionTruth): void {
    this.holders.set(connectorNo, truth);
    if (!this.online) truth.linkDown.push([this.clock.nowMs(), null]);
  }

  release(connectorNo: number): void {
    const truth = this.holders.get(connectorNo);
    this.holders.delete(connectorNo);
    if (truth) truth.releasedAt = this.clock.nowMs();
  }

  runningTx(connectorNo: number): TxTruth | undefined {
    return this.open.get(connectorNo);
  }

  // One station-wide fault at a time: the sessions on a station's two
  // connectors must not take its network down and up across each other.
  claimStation(): boolean {
    if (this.disrupted) return false;
    this.disrupted = true;
    return true;
  }

  releaseStation(): void {
    this.disrupted = false;
  }

  // A fault of the whole station (offline, a reboot, a power cut) also hits
  // the session on its other connector: that session carries it too.
  stationFault(kind: string, by: SessionTruth): void {
    for (const truth of this.holders.values()) {
      if (truth !== by && !truth.plan.faults.includes(kind as never) && !truth.inherited.includes(kind)) truth.inherited.push(kind);
    }
  }

  frame(frame: Frame): void {
    let message: unknown;
    try {
      message = JSON.parse(frame.text);
    } catch {
      return;
    }
    if (!Array.isArray(message)) return;
    const now = this.clock.nowMs();
    const [kind, id] = message as [number, string];
    if (kind === 2 && frame.dir === 'out') this.stationCall(String(id), String(message[2]), (message[3] ?? {}) as Json, now);
    else if (kind === 2 && frame.dir === 'in') this.csmsCall(String(id), String(message[2]), (message[3] ?? {}) as Json, now);
    else if (kind === 3 || kind === 4) this.answer(frame.dir, String(id), kind === 3 ? ((message[2] ?? {}) as Json) : undefined, now);
  }

  private meter(no: number, wh: number, at: number, localId: string | undefined): void {
    if (!localId) return;
    let known = this.byLocal.get(localId);
    if (!known) {
      const tx: TxTruth = { localId, startAt: at, startWh: wh, points: [at, wh], messages: [] };
      const holder = this.holders.get(no);
      if (holder) holder.txs.push(tx);
      else this.orphans.push(tx);
      known = { tx, holder, connectorNo: no };
      this.byLocal.set(localId, known);
      this.open.set(no, tx);
      if (this.protocol === 'ocpp2.0.1') this.byCsms.set(localId, tx);
      return;
    }
    const points = known.tx.points;
    if (at - (points[points.length - 2] as number) < THIN_MS) {
      this.skipped.set(known.tx, [at, wh]);
      return;
    }
    this.skipped.delete(known.tx);
    points.push(at, wh);
  }

  private ended(no: number, reason: string, forgotten: boolean): void {
    const tx = this.open.get(no);
    if (!tx) return;
    const last = this.skipped.get(tx);
    if (last) tx.points.push(...last);
    this.skipped.delete(tx);
    this.open.delete(no);
    tx.endAt = tx.points[tx.points.length - 2];
    tx.endWh = tx.points[tx.points.length - 1];
    tx.endReason = reason;
    if (forgotten) tx.forgotten = true;
  }

  private link(up: boolean): void {
    this.online = up;
    const now = this.clock.nowMs();
    for (const truth of this.holders.values()) {
      const last = truth.linkDown.at(-1);
      if (!up && (!last || last[1] !== null)) truth.linkDown.push([now, null]);
      if (up && last && last[1] === null) last[1] = now;
    }
  }

  private stationCall(id: string, action: string, p: Json, now: number): void {
    const tx = this.txOf(action, p);
    if (action === 'BootNotification' || action === 'StatusNotification') {
      if (action === 'StatusNotification') {
        const no = Number(p.connectorId ?? p.evseId);
        this.holders.get(no)?.statuses.push([now, String(p.status ?? p.connectorStatus)]);
      }
      this.pending.set(id, { action });
      return;
    }
    if (!tx) return;
    const kind = action === 'StartTransaction' || p.eventType === 'Started' ? 'start' : action === 'StopTransaction' || p.eventType === 'Ended' ? 'stop' : 'meter';
    const message: TxMessage = { action: kind, sentAt: now, readings: readingsOf(action, p) };
    tx.messages.push(message);
    const idTag = p.idTag ?? (p.idToken as Json | undefined)?.idToken;
    if (kind === 'start' && typeof idTag === 'string') tx.idTag = idTag;
    this.pending.set(id, { message, tx, action });
  }

  // The transaction a station message is about.
  private txOf(action: string, p: Json): TxTruth | undefined {
    if (action === 'TransactionEvent') return this.byCsms.get(String((p.transactionInfo as Json | undefined)?.transactionId));
    if (action === 'MeterValues' || action === 'StopTransaction') return p.transactionId === undefined ? undefined : this.byCsms.get(String(p.transactionId));
    if (action !== 'StartTransaction') return undefined;
    // 1.6: the transaction whose first point is this start's register and time.
    const at = Date.parse(String(p.timestamp));
    for (const known of this.byLocal.values()) {
      if (known.connectorNo === p.connectorId && known.tx.csmsId === undefined && known.tx.startAt === at && known.tx.startWh === p.meterStart) return known.tx;
    }
    return undefined;
  }

  private csmsCall(id: string, action: string, p: Json, now: number): void {
    if (action === 'RemoteStartTransaction' || action === 'RequestStartTransaction') {
      const no = Number(p.connectorId ?? p.evseId);
      const idTag = String(p.idTag ?? (p.idToken as Json | undefined)?.idToken);
      const entry = { at: now, idTag };
      this.holders.get(no)?.remoteStarts.push(entry);
      this.pending.set(id, { action, fromCsms: { entry } });
    } else if (action === 'RemoteStopTransaction' || action === 'RequestStopTransaction') {
      const txId = String(p.transactionId);
      const tx = this.byCsms.get(txId);
      const known = tx ? this.byLocal.get(tx.localId) : undefined;
      const entry = { at: now, transactionId: txId };
      const holder = known?.holder ?? [...this.holders.values()].find((h) => h.txs.some((t) => t.csmsId === txId || t.localId === txId));
      holder?.remoteStops.push(entry);
      this.pending.set(id, { action, fromCsms: { entry } });
    }
  }

  private answer(dir: string, id: string, payload: Json | undefined, now: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (dir === 'out' && pending.fromCsms) {
      pending.fromCsms.entry.answer = String(payload?.status ?? 'error');
      const reason = (payload?.statusInfo as Json | undefined)?.reasonCode;
      if (reason !== undefined) pending.fromCsms.entry.reasonCode = String(reason);
      return;
    }
    if (dir !== 'in') return;
    if (pending.action === 'BootNotification' && payload?.status === 'Accepted') {
      for (const truth of this.holders.values()) truth.boots.push(now);
      return;
    }
    if (!pending.message) return;
    if (!payload) {
      pending.message.failed = true;
      return;
    }
    pending.message.answeredAt = now;
    if (pending.action === 'StartTransaction' && pending.tx && payload.transactionId !== undefined) {
      pending.tx.csmsId = String(payload.transactionId);
      this.byCsms.set(pending.tx.csmsId, pending.tx);
    }
  }
}
