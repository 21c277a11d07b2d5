import type { Logger } from 'pino';
import type { VippsSettings } from '../config.ts';
import { startVippsSimulator, type VippsSimulator } from '../../simulators/vipps/index.ts';

export interface EmbeddedVipps {
  simulator: VippsSimulator;
  settings: VippsSettings;
  // The line `npm run sim:vipps` prints first, so scripts can find the API.
  announcement: string;
  stop(): Promise<void>;
}

// The demo's Vipps: the simulator in this process, on a free local port.
// Ladepay reaches it exactly as it reaches Vipps: by base URL and keys.
export async function startEmbeddedVipps(logger: Logger): Promise<EmbeddedVipps> {
  const simulator = await startVippsSimulator({ port: 0, host: '127.0.0.1' });
  const merchant = simulator.merchants[0];
  if (!merchant) throw new Error('the Vipps simulator has no merchant');
  logger.info({ url: simulator.url }, 'embedded Vipps simulator started');
  return {
    simulator,
    settings: {
      baseUrl: simulator.url,
      clientId: merchant.clientId,
      clientSecret: merchant.clientSecret,
      subscriptionKey: merchant.subscriptionKey,
      msn: merchant.msn,
    },
    announcement: JSON.stringify({
      vippsSimulator: {
        url: simulator.url,
        merchants: simulator.merchants.map((m) => ({
          clientId: m.clientId,
          clientSecret: m.clientSecret,
          subscriptionKey: m.subscriptionKey,
          msn: m.msn,
        })),
      },
    }),
    stop: () => simulator.stop(),
  };
}
