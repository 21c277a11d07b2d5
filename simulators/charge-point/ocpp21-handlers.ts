import { createRPCError } from 'ocpp-rpc';
import { registerTariffs21 } from './ocpp21-tariffs.ts';
import type { StationView } from './station-view.ts';

// What OCPP 2.1 adds to the 2.0.1 calls a CSMS makes (ocpp201-handlers.ts
// answers those on both): tariffs, web payments, and the new actions this
// station does not offer. Registered for connections that speak 2.1 only.

const NOT_SUPPORTED_21 = [
  'AFRRSignal', 'AdjustPeriodicEventStream', 'ClearDERControl', 'GetDERControl', 'GetPeriodicEventStream',
  'NotifyAllowedEnergyTransfer', 'RequestBatterySwap', 'SetDERControl', 'UpdateDynamicSchedule', 'UsePriorityCharging',
];

export function registerOcpp21Handlers(view: StationView): void {
  const link = view.link;
  registerTariffs21(view);

  // NotifyWebPaymentStarted: a driver scanned the EVSE's QR code and is paying. The
  // screen says so until the timeout or a transaction on the EVSE, and the
  // EVSE takes no other driver's card meanwhile.
  link.handle('NotifyWebPaymentStarted', (p) => {
    const { evseId, timeout } = p as { evseId: number; timeout: number };
    view.screen.webPaymentStarted(evseId, new Date(view.now().getTime() + Math.max(0, timeout) * 1000));
    return {};
  }, 'ocpp2.1');

  for (const action of NOT_SUPPORTED_21) {
    link.handle(action, () => {
      throw createRPCError('NotSupported', `${action} is not supported by this station`);
    }, 'ocpp2.1');
  }
}
