import ocppRpc from 'ocpp-rpc';
import { strictValidators } from '../../src/adapters/ocpp/call-errors.ts';

const { RPCClient } = ocppRpc;

export type RpcStation = InstanceType<typeof RPCClient>;
type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

// A well-behaved station on ocpp-rpc's own client in strict mode: every answer
// the CSMS sends it is checked against the official schema. It answers the
// configuration the CSMS sends after boot with Accepted unless the test
// installs its own handler.
export async function connectRpcStation(
  ocppUrl: string,
  stationId: string,
  password: string,
  protocol: 'ocpp1.6' | 'ocpp2.0.1' | 'ocpp2.1',
  opts: { callTimeoutMs?: number } = {},
): Promise<RpcStation> {
  // ocpp-rpc's typings mark every option required; it fills in defaults itself.
  const options = {
    endpoint: ocppUrl,
    identity: stationId,
    password,
    protocols: [protocol],
    strictMode: true,
    // ocpp-rpc looks its 2.1 schemas up by names they do not have (call-errors.ts).
    ...(protocol === 'ocpp2.1' ? { strictModeValidators: strictValidators() } : {}),
    reconnect: false,
    callTimeoutMs: opts.callTimeoutMs ?? 10_000,
  } as ClientOptions;
  const station = new RPCClient(options);
  station.handle('ChangeConfiguration', async () => ({ status: 'Accepted' }));
  station.handle('SetVariables', async ({ params }) => ({
    setVariableResult: (params as { setVariableData: { component: unknown; variable: unknown }[] }).setVariableData.map(
      (d) => ({ attributeStatus: 'Accepted', component: d.component, variable: d.variable }),
    ),
  }));
  await station.connect();
  return station;
}
