import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';
import type { ChargerDisplay, DisplaySupport } from '../../usecases/ports/charger-display.ts';
import type { ConnectionRegistry } from './connection-registry.ts';
import type { Logger } from './logger.ts';
import { ocpp16PriceDisplay } from './ocpp16-price-display.ts';
import { ocpp201PriceDisplay } from './ocpp201-price-display.ts';
import { ocpp21PriceDisplay } from './ocpp21-price-display.ts';
import type { ProtocolVersion } from '../../usecases/ports/charger.ts';
import type { ProtocolDisplay } from './protocol-display.ts';
import type { StationConnection } from './station-connection.ts';

const IMPLS: Record<ProtocolVersion, ProtocolDisplay> = { 'ocpp1.6': ocpp16PriceDisplay, 'ocpp2.0.1': ocpp201PriceDisplay, 'ocpp2.1': ocpp21PriceDisplay };

// The charger's screen over whichever OCPP version each station speaks
// (docs/price-display.md). Best effort, and quiet: a screen that could not be
// updated is logged at debug level only.
export function createChargerDisplay(registry: ConnectionRegistry, logger: Logger): ChargerDisplay {
  function live(stationId: string): { conn: StationConnection; impl: ProtocolDisplay } | undefined {
    const conn = registry.get(stationId);
    if (!conn || !conn.isOpen()) return undefined;
    return { conn, impl: IMPLS[conn.protocol] };
  }

  async function send(stationId: string, what: string, run: (impl: ProtocolDisplay, conn: StationConnection) => Promise<CommandOutcome>): Promise<CommandOutcome> {
    const on = live(stationId);
    if (!on) return 'offline';
    try {
      const outcome = await run(on.impl, on.conn);
      logger.debug({ stationId, screen: what, outcome }, 'price display');
      return outcome;
    } catch (err) {
      logger.debug({ err, stationId, screen: what }, 'price display failed');
      return 'error';
    }
  }

  return {
    async readDisplaySupport(stationId): Promise<DisplaySupport | undefined> {
      const on = live(stationId);
      if (!on) return undefined;
      try {
        return await on.impl.readSupport(on.conn);
      } catch (err) {
        logger.debug({ err, stationId }, 'reading the display support failed');
        return undefined;
      }
    },
    showDefaultPrice: (id, support, screen) => send(id, 'default_price', (impl, conn) => impl.defaultPrice(conn, support, screen)),
    showUserPrice: (id, support, screen) => send(id, 'user_price', (impl, conn) => impl.userPrice(conn, support, screen)),
    showRunningCost: (id, support, screen) => send(id, 'running_cost', (impl, conn) => impl.runningCost(conn, support, screen)),
    showFinalCost: (id, support, screen) => send(id, 'final_cost', (impl, conn) => impl.finalCost(conn, support, screen)),
    showPaymentQr: (id, support, screen) => send(id, 'payment_qr', (impl, conn) => impl.paymentQr(conn, support, screen)),
    notifyWebPayment: (id, support, screen) => send(id, 'web_payment', (impl, conn) => impl.webPaymentStarted(conn, support, screen)),
  };
}
