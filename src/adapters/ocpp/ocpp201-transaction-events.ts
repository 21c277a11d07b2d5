import type { StationLimit } from '../../core/cost-limit.ts';
import type { ProtocolVersion } from '../../usecases/ports/charger.ts';
import type { HandlerContext } from './handler-context.ts';
import { meterSample, readingsFrom201, type MeterReading } from './meter-values.ts';
import type { TransactionEventConf201, TransactionEventReq201 } from './ocpp201-types.ts';
import { authorizationStatusFor, chargingConditionFrom201, stopReasonFrom201 } from './status-mapping.ts';
import type { TransactionRecord } from './transaction-tracker.ts';

// OCPP 2.0.1 TransactionEvent (E01–E07) as Ladepay's transaction lifecycle.
//
// A 2.0.1 transaction may begin before anyone is authorized (TxStartPoint
// EVConnected: the cable is plugged in). For Ladepay a transaction starts
// when it is tied to someone: the first event carrying an idToken or a
// remoteStartId, whichever event type that is. So an Updated that arrives
// before its Started still starts the transaction; an Ended that arrives
// before anything could start it is kept and applied as soon as it can.
// A seqNo already applied changes nothing the second time.
export function createTransactionEventHandler(
  stationId: string,
  ctx: HandlerContext,
  protocol: ProtocolVersion = 'ocpp2.0.1',
): (req: TransactionEventReq201) => Promise<TransactionEventConf201> {
  const { events, logger, tracker } = ctx;

  async function apply(rec: TransactionRecord, req: TransactionEventReq201): Promise<void> {
    const transactionId = req.transactionInfo.transactionId;
    const at = new Date(req.timestamp);
    // 2.0.1 TransactionEventRequest: evse comes with the first event of the
    // transaction and idToken with the first one after authorization, not
    // with every event; they are kept from whichever event had them.
    rec.connectorNo ??= req.evse?.id;
    rec.idTag ??= req.idToken?.idToken;
    rec.remoteStartId ??= req.transactionInfo.remoteStartId;
    if (req.offline) {
      logger.debug({ stationId, transactionId, seqNo: req.seqNo }, 'TransactionEvent queued while offline');
    }

    const readings = readingsFrom201(req.meterValue ?? []);
    noteBegin(rec, readings);
    noteCharging(rec, req.transactionInfo.chargingState, readings);
    if (rec.connectorNo !== undefined) {
      for (const r of readings) {
        if (r.energyWh !== undefined) tracker.noteEnergy(stationId, rec.connectorNo, r.energyWh, r.at);
      }
    }

    if (!rec.started && rec.idTag === undefined && rec.remoteStartId === undefined) {
      // Nothing here ties it to anyone: after Ladepay restarted, the events of
      // a transaction it started before carry neither. Its session still does.
      const known = await events.transactionKnown(stationId, transactionId);
      if (known) {
        rec.started = true;
        rec.connectorNo ??= known.connectorNo;
        rec.limit = known.limit;
      }
    }
    if (!rec.started && (rec.idTag !== undefined || rec.remoteStartId !== undefined)) {
      // The transaction starts for Ladepay at the event that ties it to
      // someone; an Ended doing so means its start went missing, and the
      // earliest reading is the best clue left.
      const startAt = req.eventType === 'Ended' ? (rec.beginAt ?? at) : at;
      rec.starting ??= start(rec, transactionId, startAt).finally(() => {
        rec.starting = undefined;
      });
      await rec.starting;
    }

    if (!rec.started) {
      // Not tied to anyone yet: it cannot touch a session, but an event that
      // names another station's transaction is looked up (and reported), and
      // one that delivers energy to nobody is ended.
      await events.transactionActive({ stationId, transactionId, at, connectorNo: rec.connectorNo, charging: rec.charging });
    }
    if (rec.started && !rec.ended) {
      for (const reading of readings) {
        await events.meterValues(meterSample(stationId, rec.connectorNo, transactionId, reading));
      }
      await passChargingState(rec, req, transactionId, at);
      // E02: an Updated says the transaction still runs, reading or not; a
      // settled session hears it and stops the station.
      if (req.eventType === 'Updated' && !readings.some((r) => r.energyWh !== undefined)) {
        await events.transactionActive({ stationId, transactionId, at, connectorNo: rec.connectorNo, charging: rec.charging });
      }
    }

    if (req.eventType === 'Ended' && !rec.ended) {
      const final = readings.find((r) => r.context === 'end' && r.energyWh !== undefined) ?? latestEnergy(readings);
      rec.pendingEnd = {
        stationId,
        transactionId,
        idTag: rec.idTag,
        meterStopWh: final?.energyWh,
        at,
        reason: stopReasonFrom201(req.transactionInfo.stoppedReason, req.triggerReason),
        ...stationCost(req),
      };
    }
    if (rec.started && !rec.ended && rec.pendingEnd) {
      await events.transactionEnded({ ...rec.pendingEnd, idTag: rec.idTag });
      rec.ended = true;
    }
  }

  // A change of the transaction's charging state, or a fault it reports, is
  // the session's to weigh (src/core/session/connector-reactions.ts); the
  // same state again on every event is not news.
  async function passChargingState(rec: TransactionRecord, req: TransactionEventReq201, transactionId: string, at: Date): Promise<void> {
    const condition = chargingConditionFrom201(req.transactionInfo.chargingState, req.triggerReason);
    if (!condition) return;
    if (condition.status !== 'faulted') {
      if (rec.chargingState === req.transactionInfo.chargingState) return;
      rec.chargingState = req.transactionInfo.chargingState;
    } else {
      rec.chargingState = undefined; // whatever state follows the fault is news again
    }
    await events.chargingState({ stationId, transactionId, status: condition.status, at, ...(condition.fault ? { fault: condition.fault } : {}) });
  }

  async function start(rec: TransactionRecord, transactionId: string, at: Date): Promise<void> {
    const lastKnown = rec.connectorNo === undefined ? undefined : tracker.lastEnergy(stationId, rec.connectorNo);
    const meterStartWh = rec.beginWh ?? lastKnown;
    if (meterStartWh === undefined) {
      // Never 0 as a guess: a register may read megawatt-hours. The session
      // takes its first reading as the start (TxStartedMeasurands avoids this).
      logger.info({ stationId, transactionId }, 'transaction started with no meter reading; the first reading will be its start');
    }
    const { verdict, limit } = await events.transactionStarted({
      stationId,
      // The EVSE comes with the first event; while that one is missing, 0 (the whole station).
      connectorNo: rec.connectorNo ?? 0,
      idTag: rec.idTag ?? '', // unknown while only the remoteStartId ties the transaction to a session
      meterStartWh,
      at,
      stationTransactionId: transactionId,
      remoteStartId: rec.remoteStartId,
    });
    rec.verdict = verdict;
    rec.limit = limit;
    rec.started = true;
  }

  return async (req) => {
    const { transactionId } = req.transactionInfo;
    const rec = tracker.record(stationId, transactionId);
    if (rec.seenSeqNos.has(req.seqNo)) {
      logger.debug({ stationId, transactionId, seqNo: req.seqNo }, 'repeated TransactionEvent');
    } else {
      await apply(rec, req);
      rec.seenSeqNos.add(req.seqNo);
    }
    // 2.1: the driver's maximum, from the first answer on, for the station
    // to hold the session to should Ladepay not reach it (docs/ocpp21.md).
    const limit = protocol === 'ocpp2.1' && rec.limit && !rec.ended ? { transactionLimit: transactionLimit(rec.limit) } : {};
    // 2.0.1 TransactionEventResponse: idTokenInfo is required when the
    // request carried an idToken.
    const token = req.idToken?.idToken;
    if (token === undefined) return limit;
    const verdict = token === rec.idTag && rec.verdict ? rec.verdict : await events.authorize(stationId, token);
    return { idTokenInfo: { status: authorizationStatusFor(verdict) }, ...limit };
  };
}

// The register at the start: a Transaction.Begin reading wins; failing that,
// the earliest reading seen. Before authorization nothing flows, so an
// earlier reading of the same transaction is still the start.
function noteBegin(rec: TransactionRecord, readings: MeterReading[]): void {
  const begin = readings.find((r) => r.context === 'begin' && r.energyWh !== undefined);
  if (begin) {
    rec.beginWh = begin.energyWh;
    rec.beginAt = begin.at;
    rec.beginExact = true;
    return;
  }
  if (rec.beginExact) return;
  for (const r of readings) {
    if (r.energyWh !== undefined && (rec.beginAt === undefined || r.at < rec.beginAt)) {
      rec.beginWh = r.energyWh;
      rec.beginAt = r.at;
    }
  }
}

// Energy flows: the station says so (2.0.1 ChargingStateEnumType), or the
// register rose by more than a meter's rounding since the transaction began.
const DELIVERING = new Set(['Charging', 'SuspendedEV', 'SuspendedEVSE']);
const RISE_WH = 10;

function noteCharging(rec: TransactionRecord, chargingState: string | undefined, readings: MeterReading[]): void {
  if (chargingState !== undefined) rec.charging = DELIVERING.has(chargingState);
  for (const r of readings) {
    if (r.energyWh !== undefined && (rec.latestWh === undefined || r.energyWh > rec.latestWh)) rec.latestWh = r.energyWh;
  }
  if (rec.beginWh !== undefined && rec.latestWh !== undefined && rec.latestWh - rec.beginWh > RISE_WH) rec.charging = true;
}

function latestEnergy(readings: MeterReading[]): MeterReading | undefined {
  let latest: MeterReading | undefined;
  for (const r of readings) {
    if (r.energyWh !== undefined && (latest === undefined || r.at >= latest.at)) latest = r;
  }
  return latest;
}

// TransactionLimitType: maxCost in the tariff's currency (kroner), maxEnergy in Wh.
function transactionLimit(limit: StationLimit): { maxCost: number; maxEnergy?: number } {
  return { maxCost: limit.maxCostOre / 100, ...(limit.maxEnergyWh !== undefined ? { maxEnergy: limit.maxEnergyWh } : {}) };
}

// 2.1 costDetails: the station's own total, VAT included, in øre. A station
// that failed to work it out, or sends something that is no amount, has none.
function stationCost(req: TransactionEventReq201): { stationCostOre?: number } {
  const details = req.costDetails;
  const inclTax = details?.totalCost.total.inclTax;
  if (!details || details.failureToCalculate || inclTax === undefined || !Number.isFinite(inclTax) || inclTax < 0) return {};
  return { stationCostOre: Math.round(inclTax * 100) };
}
