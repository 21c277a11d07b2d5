import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';
import { ocpp201PriceDisplay, QUIET, readDisplayMessages, ref, show, utf8 } from './ocpp201-price-display.ts';
import { tariffType21 } from './ocpp21-tariff.ts';
import { anyAccepted, type ProtocolDisplay } from './protocol-display.ts';
import type { StationConnection } from './station-connection.ts';

// OCPP 2.1: the 2.0.1 screen (ocpp201-price-display.ts), and what 2.1 adds
// (docs/ocpp21.md): the tariff itself for the station to price the charge
// with (SetDefaultTariff per EVSE, ChangeTransactionTariff with the driver's
// at the start), QR codes on the screen (MessageFormat QRCODE: the receipt
// link, the one-time Vipps QR) and NotifyWebPaymentStarted.

const FORMATS = ref('DisplayMessageCtrlr', 'SupportedFormats');
const paymentQrId = (evse: number) => 400 + evse;

interface Status {
  status: string;
}

export const ocpp21PriceDisplay: ProtocolDisplay = {
  ...ocpp201PriceDisplay,

  async readSupport(conn) {
    const read = await readDisplayMessages(conn, [FORMATS]);
    if (!read) return undefined;
    const formats = (read.value(FORMATS) ?? '').split(',').map((f) => f.trim().toUpperCase());
    // TariffCostCtrlr.Enabled[Tariff] on 2.1: the station takes tariffs and prices with them.
    const support = { ...read.support, tariffs21: read.support.tariff, qrCode: read.support.messages && formats.includes('QRCODE') };
    return support.messages || support.cost || support.tariffs21 ? support : { kind: 'none' };
  },

  async defaultPrice(conn, support, screen) {
    const outcomes = [await ocpp201PriceDisplay.defaultPrice(conn, support, screen)];
    if (support.kind === 'display_messages' && support.tariffs21) {
      for (const { connectorNo, tariff } of screen.tariffs) {
        outcomes.push(await answered(conn, 'SetDefaultTariff', { evseId: connectorNo, tariff: tariffType21(tariff) }));
      }
    }
    return anyAccepted(outcomes);
  },

  async userPrice(conn, support, screen) {
    const outcomes = [await ocpp201PriceDisplay.userPrice(conn, support, screen)];
    if (support.kind === 'display_messages' && support.tariffs21) {
      // The price the driver was sold, whatever the default has become since.
      outcomes.push(await answered(conn, 'ChangeTransactionTariff', { transactionId: screen.transactionId, tariff: tariffType21(screen.tariff) }));
      await conn.call('ClearDisplayMessage', { id: paymentQrId(screen.connectorNo) }, QUIET);
    }
    return anyAccepted(outcomes);
  },

  async paymentQr(conn, support, screen) {
    if (support.kind !== 'display_messages' || !support.qrCode) return 'rejected';
    const [main] = screen.texts;
    const outcomes = [
      await show(conn, { id: paymentQrId(screen.connectorNo), priority: 'InFront', endDateTime: screen.until, message: { format: 'QRCODE', content: screen.qrText.slice(0, 512) } }),
    ];
    if (main) outcomes.push(await show(conn, { id: paymentQrId(screen.connectorNo) + 100, priority: 'InFront', endDateTime: screen.until, message: utf8(main) }));
    return anyAccepted(outcomes);
  },

  async webPaymentStarted(conn, support, screen) {
    if (support.kind !== 'display_messages' || support.tariffs21 === undefined) return 'rejected';
    const r = await conn.call<Record<string, never>>('NotifyWebPaymentStarted', { evseId: screen.connectorNo, timeout: screen.timeoutSeconds }, QUIET);
    return r.ok ? 'accepted' : r.outcome;
  },
};

async function answered(conn: StationConnection, action: string, payload: object): Promise<CommandOutcome> {
  const r = await conn.call<Status>(action, payload, QUIET);
  if (!r.ok) return r.outcome;
  return r.result.status === 'Accepted' ? 'accepted' : 'rejected';
}
