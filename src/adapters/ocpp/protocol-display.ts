import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';
import type {
  DefaultPriceScreen,
  DisplaySupport,
  FinalCostScreen,
  PaymentQrScreen,
  RunningCostScreen,
  UserPriceScreen,
  WebPaymentScreen,
} from '../../usecases/ports/charger-display.ts';
import type { StationConnection } from './station-connection.ts';

// The charger's screen for one OCPP version, on a connection already looked
// up (docs/price-display.md). A support of another protocol's kind sends
// nothing: 'rejected'.
export interface ProtocolDisplay {
  readSupport(conn: StationConnection): Promise<DisplaySupport | undefined>;
  defaultPrice(conn: StationConnection, support: DisplaySupport, screen: DefaultPriceScreen): Promise<CommandOutcome>;
  userPrice(conn: StationConnection, support: DisplaySupport, screen: UserPriceScreen): Promise<CommandOutcome>;
  runningCost(conn: StationConnection, support: DisplaySupport, screen: RunningCostScreen): Promise<CommandOutcome>;
  finalCost(conn: StationConnection, support: DisplaySupport, screen: FinalCostScreen): Promise<CommandOutcome>;
  // OCPP 2.1 only; the others answer 'rejected' without a call.
  paymentQr(conn: StationConnection, support: DisplaySupport, screen: PaymentQrScreen): Promise<CommandOutcome>;
  webPaymentStarted(conn: StationConnection, support: DisplaySupport, screen: WebPaymentScreen): Promise<CommandOutcome>;
}

// For a protocol without them.
export const NO_PAYMENT_SCREENS = {
  paymentQr: async (): Promise<CommandOutcome> => 'rejected',
  webPaymentStarted: async (): Promise<CommandOutcome> => 'rejected',
};

// Several calls for one screen: accepted when any was, else the first answer.
export function anyAccepted(outcomes: readonly CommandOutcome[]): CommandOutcome {
  return outcomes.includes('accepted') ? 'accepted' : (outcomes[0] ?? 'rejected');
}
