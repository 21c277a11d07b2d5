import { registerOcpp201Handlers } from './ocpp201-handlers.ts';
import { queueTransactionEvent } from './ocpp201-transaction-event.ts';
import type { Connector } from './connector.ts';
import type { BootAnswer, Dialect, StationView } from './station-view.ts';
import type { StopReason } from './transaction.ts';

// OCPP 2.0.1 messages from the station, and 2.1's, which are 2.0.1's plus
// what ocpp21-handlers.ts and the transaction events add when the CSMS picked
// 2.1. Each connector of the simulator is an EVSE with one connector: evseId =
// connector number, connectorId = 1.

export function createOcpp201Dialect(view: StationView): Dialect {
  const o = view.options;
  let stationFaultSent = false;
  let problemEvents = 0;
  const dialect: Dialect = {
    startsBeforePlugIn: true,
    statusOf: connectorStatus201,

    async boot(reason) {
      const answer = await view.link.call('BootNotification', {
        reason,
        chargingStation: {
          model: o.model.slice(0, 20),
          vendorName: o.vendor.slice(0, 50),
          serialNumber: o.serialNumber.slice(0, 25),
          firmwareVersion: o.firmwareVersion.slice(0, 50),
        },
      });
      return answer as BootAnswer;
    },

    heartbeat: () => void view.link.fire('Heartbeat', {}),

    sendStatus(c) {
      const params = { timestamp: view.now().toISOString(), connectorStatus: connectorStatus201(c), evseId: c.no, connectorId: 1 };
      void view.link.fire('StatusNotification', params);
    },

    sendAllStatuses() {
      for (const c of view.connectors()) dialect.sendStatus(c);
    },

    // N07: the fault's detail, as the Connector component's Problem variable.
    reportProblem(c, code) {
      problemEvents += 1;
      void view.link.fire('NotifyEvent', {
        generatedAt: view.now().toISOString(),
        seqNo: 0,
        eventData: [
          {
            eventId: problemEvents,
            timestamp: view.now().toISOString(),
            trigger: 'Delta',
            actualValue: 'true',
            techCode: code,
            eventNotificationType: 'HardWiredNotification',
            component: { name: 'Connector', evse: { id: c.no, connectorId: 1 } },
            variable: { name: 'Problem' },
          },
        ],
      });
    },

    // EVSE 0 is the station as a whole; only a fault, or its end, is reported for it.
    sendStationStatus() {
      const fault = view.stationFault();
      if (!fault && !stationFaultSent) return;
      stationFaultSent = fault !== undefined;
      const params = { timestamp: view.now().toISOString(), connectorStatus: fault ? 'Faulted' : 'Available', evseId: 0, connectorId: 0 };
      void view.link.fire('StatusNotification', params);
    },

    async authorize(auth) {
      try {
        const answer = await view.link.call('Authorize', { idToken: { idToken: auth.idTag, type: auth.tokenType } });
        return (answer as { idTokenInfo: { status: string } }).idTokenInfo.status === 'Accepted';
      } catch (err) {
        o.logger.warn(`${o.stationId}: Authorize failed, not starting:`, err instanceof Error ? err.message : String(err));
        return false;
      }
    },

    txStarted(c, tx, trigger, sample) {
      tx.lastChargingState = c.chargingState();
      queueTransactionEvent(view, c, tx, 'Started', trigger, {
        chargingState: tx.lastChargingState,
        remoteStartId: tx.auth.remoteStartId,
        withIdToken: true,
        sample,
      });
      view.emit('transactionStarted', c.no, tx.localId);
    },

    txSample(c, tx, sample, holdMs) {
      const trigger = sample.context === 'Trigger' ? 'Trigger' : 'MeterValuePeriodic';
      queueTransactionEvent(view, c, tx, 'Updated', trigger, { sample, holdMs });
    },

    txChanged(c, tx, trigger) {
      const state = c.chargingState();
      if (state === tx.lastChargingState) return;
      tx.lastChargingState = state;
      queueTransactionEvent(view, c, tx, 'Updated', trigger, { chargingState: state });
    },

    txEnded(c, tx, reason, trigger, sample) {
      queueTransactionEvent(view, c, tx, 'Ended', trigger, {
        chargingState: trigger === 'EVDeparted' || !c.car ? 'Idle' : 'EVConnected',
        stoppedReason: stopReason201(reason),
        withIdToken: trigger === 'StopAuthorized',
        sample,
      });
    },

    transactionIdOf: (tx) => tx.localId,
  };
  registerOcpp201Handlers(view, dialect);
  return dialect;
}

// ConnectorStatusEnumType has no Preparing/Charging/Finishing: a connector with
// a cable in it is Occupied.
export function connectorStatus201(c: Connector): string {
  if (c.fault) return 'Faulted';
  if (!c.operative && !c.tx) return 'Unavailable';
  return c.car ? 'Occupied' : 'Available';
}

function stopReason201(reason: StopReason): string {
  switch (reason) {
    case 'SoftReset':
    case 'HardReset':
      return 'ImmediateReset';
    case 'UnlockCommand':
      return 'Other';
    // 2.1 ReasonEnumType has no value for a cost limit; the triggerReason
    // CostLimitReached says why the transaction ended.
    case 'CostLimitReached':
      return 'Other';
    default:
      return reason;
  }
}
