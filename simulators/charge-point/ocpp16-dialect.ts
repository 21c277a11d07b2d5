import { registerOcpp16Handlers } from './ocpp16-handlers.ts';
import { meterValue16 } from './ocpp16-meter-values.ts';
import type { Connector } from './connector.ts';
import type { BootAnswer, Dialect, StationView } from './station-view.ts';
import type { StopReason } from './transaction.ts';

// OCPP 1.6J messages from the station.

// §7.6 ChargePointErrorCode; any other fault code goes out as OtherError with
// the code in vendorErrorCode.
const ERROR_CODES = new Set([
  'ConnectorLockFailure', 'EVCommunicationError', 'GroundFailure', 'HighTemperature', 'InternalError',
  'LocalListConflict', 'OtherError', 'OverCurrentFailure', 'PowerMeterFailure', 'PowerSwitchFailure',
  'ReaderFailure', 'ResetFailure', 'UnderVoltage', 'OverVoltage', 'WeakSignal',
]);

interface StartTransactionConf {
  transactionId: number;
  idTagInfo: { status: string };
}

export function createOcpp16Dialect(view: StationView): Dialect {
  const o = view.options;
  const dialect: Dialect = {
    startsBeforePlugIn: false,
    statusOf: (c) => c.status(),

    async boot() {
      const answer = await view.link.call('BootNotification', {
        chargePointVendor: o.vendor.slice(0, 20),
        chargePointModel: o.model.slice(0, 20),
        chargePointSerialNumber: o.serialNumber.slice(0, 25),
        firmwareVersion: o.firmwareVersion.slice(0, 50),
      });
      return answer as BootAnswer;
    },

    heartbeat: () => void view.link.fire('Heartbeat', {}),

    sendStatus: (c) => void view.link.fire('StatusNotification', statusNotification(view, c)),

    sendAllStatuses() {
      dialect.sendStationStatus();
      for (const c of view.connectors()) dialect.sendStatus(c);
    },

    sendStationStatus() {
      // §4.9: connector 0 is the charge point as a whole.
      const fault = view.stationFault();
      const status = fault ? 'Faulted' : view.stationOperative() ? 'Available' : 'Unavailable';
      const errorCode = fault ? (ERROR_CODES.has(fault) ? fault : 'OtherError') : 'NoError';
      void view.link.fire('StatusNotification', { connectorId: 0, errorCode, status, timestamp: view.now().toISOString() });
    },

    async authorize(auth) {
      try {
        const answer = (await view.link.call('Authorize', { idTag: auth.idTag })) as { idTagInfo: { status: string } };
        return answer.idTagInfo.status === 'Accepted';
      } catch (err) {
        o.logger.warn(`${o.stationId}: Authorize failed, not starting:`, err instanceof Error ? err.message : String(err));
        return false;
      }
    },

    txStarted(c, tx, _trigger, sample) {
      view.queue.push({
        action: 'StartTransaction',
        kind: 'transaction',
        build: () => ({ connectorId: c.no, idTag: tx.auth.idTag, meterStart: sample.energyWh, timestamp: sample.at.toISOString() }),
        onAnswer: (answer) => {
          const conf = answer as StartTransactionConf;
          tx.csmsId = conf.transactionId;
          view.emit('transactionStarted', c.no, String(conf.transactionId));
          // StopTransactionOnInvalidId: the CSMS refused the idTag after all.
          if (conf.idTagInfo.status !== 'Accepted' && !tx.ended) view.deauthorize(tx);
        },
      });
    },

    txSample(c, tx, sample, holdMs) {
      const meterValue = [meterValue16(sample, o.energyUnit)];
      view.queue.push({
        action: 'MeterValues',
        kind: 'meter',
        holdMs,
        // Without the CSMS's transactionId (its start was refused) the sample belongs nowhere.
        build: () => (tx.csmsId === undefined ? undefined : { connectorId: c.no, transactionId: tx.csmsId, meterValue }),
      });
    },

    txChanged: () => undefined, // 1.6 tells it with StatusNotification (SuspendedEV …)

    txEnded(_c, tx, reason, _trigger, sample) {
      const transactionData = [meterValue16(sample, o.energyUnit)];
      view.queue.push({
        action: 'StopTransaction',
        kind: 'transaction',
        build: () =>
          tx.csmsId === undefined
            ? undefined
            : {
                transactionId: tx.csmsId,
                idTag: tx.auth.idTag,
                meterStop: sample.energyWh,
                timestamp: sample.at.toISOString(),
                reason: stopReason16(reason),
                transactionData,
              },
      });
    },

    transactionIdOf: (tx) => (tx.csmsId === undefined ? undefined : String(tx.csmsId)),
  };
  registerOcpp16Handlers(view, dialect);
  return dialect;
}

function statusNotification(view: StationView, c: Connector): Record<string, unknown> {
  const status = c.status();
  const params: Record<string, unknown> = { connectorId: c.no, errorCode: 'NoError', status, timestamp: view.now().toISOString() };
  if (status === 'Faulted' && c.fault) {
    if (ERROR_CODES.has(c.fault)) {
      params.errorCode = c.fault;
    } else {
      params.errorCode = 'OtherError';
      params.vendorErrorCode = c.fault.slice(0, 50);
    }
  }
  return params;
}

const ONLY_201: readonly StopReason[] = [
  'GroundFault', 'OvercurrentFault', 'StoppedByEV', 'SOCLimitReached', 'EnergyLimitReached', 'TimeLimitReached', 'CostLimitReached',
];

function stopReason16(reason: StopReason): string {
  if (ONLY_201.includes(reason)) return 'Other';
  return reason === 'ImmediateReset' ? 'HardReset' : reason;
}
