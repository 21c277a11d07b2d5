import type { Logger } from 'pino';
import type { Config, VippsSettings } from '../config.ts';
import { vippsPaymentGateway } from '../adapters/vipps/payment-gateway.ts';
import { createVippsClient, type VippsClient } from '../adapters/vipps/vipps-client.ts';
import { createVippsConfig, type VippsRetrySettings } from '../adapters/vipps/vipps-config.ts';
import type { LadepayMetrics } from '../adapters/web/metrics.ts';
import type { EmbeddedVipps } from '../demo/embedded-vipps.ts';
import type { PaymentGateway } from '../usecases/ports/payment-gateway.ts';
import { LADEPAY_VERSION } from '../version.ts';

export interface VippsParts {
  client: VippsClient;
  gateway: PaymentGateway;
  // Where the driver's browser goes to pay: the Vipps landing page, or the
  // simulator's phone page in a demo.
  paymentOrigin: string;
  embedded?: EmbeddedVipps;
}

// Vipps with the configured keys; without keys (the demo) the simulator in
// this process, loaded only then.
export async function connectVipps(config: Config, logger: Logger, metrics: LadepayMetrics, retry?: Partial<VippsRetrySettings>): Promise<VippsParts> {
  let settings: VippsSettings;
  let embedded: EmbeddedVipps | undefined;
  if (config.vipps) {
    settings = config.vipps;
  } else {
    const { startEmbeddedVipps } = await import('../demo/embedded-vipps.ts');
    embedded = await startEmbeddedVipps(logger);
    settings = embedded.settings;
  }
  const client = createVippsClient(createVippsConfig({ ...settings, systemVersion: LADEPAY_VERSION, retry }), {
    logger: logger.child({ component: 'vipps' }),
    metrics: metrics.vipps,
  });
  return { client, gateway: vippsPaymentGateway(client), paymentOrigin: new URL(settings.baseUrl).origin, embedded };
}
