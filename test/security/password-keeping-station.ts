import ocppRpc from 'ocpp-rpc';

const { RPCClient } = ocppRpc;
type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

export type PasswordAnswer = 'Accepted' | 'Rejected' | 'no answer';

export interface PasswordKeepingStation {
  // The password it connects with now: text (2.0.1 BasicAuthPassword) or the
  // octets of a hex AuthorizationKey (OCPP 1.6 security whitepaper).
  password(): string | Buffer;
  // Resolves once it has reconnected with a new password.
  switched: Promise<void>;
  close(): Promise<void>;
}

// A station that keeps the Basic-auth password the CSMS sends it, as OCPP
// says: 2.0.1 SetVariables SecurityCtrlr.BasicAuthPassword, 1.6
// ChangeConfiguration AuthorizationKey (hex-encoded). After its answer (or
// instead of it, with 'no answer': the answer is lost) it disconnects and
// reconnects with the new password.
export async function startPasswordKeepingStation(
  ocppUrl: string,
  stationId: string,
  password: string,
  protocol: 'ocpp1.6' | 'ocpp2.0.1',
  answer: PasswordAnswer,
): Promise<PasswordKeepingStation> {
  let current: string | Buffer = password;
  let switched!: { resolve: () => void; reject: (err: unknown) => void };
  const switchedPromise = new Promise<void>((resolve, reject) => (switched = { resolve, reject }));
  switchedPromise.catch(() => undefined); // seen by whoever awaits it
  const station = new RPCClient({ endpoint: ocppUrl, identity: stationId, password, protocols: [protocol], strictMode: true, reconnect: false, callTimeoutMs: 10_000 } as ClientOptions);

  async function reconnectWith(next: string | Buffer): Promise<void> {
    await station.close({ force: true });
    current = next;
    station.reconfigure({ password: next } as ClientOptions);
    await station.connect().then(switched.resolve, switched.reject);
  }

  // Takes the new password; the reconnect follows once the answer is out.
  function take(next: string | Buffer, messageId: string | undefined, reply: Record<string, unknown>): Promise<Record<string, unknown>> | Record<string, unknown> {
    if (answer === 'Rejected') return reply;
    if (answer === 'no answer') {
      void reconnectWith(next);
      return new Promise<Record<string, unknown>>(() => undefined);
    }
    const onMessage = ({ message, outbound }: { message: string; outbound: boolean }) => {
      if (!outbound || messageId === undefined || !message.includes(messageId)) return;
      station.off('message', onMessage);
      void reconnectWith(next);
    };
    station.on('message', onMessage);
    return reply;
  }

  station.handle('ChangeConfiguration', async ({ params, messageId }) => {
    const { key, value } = params as { key: string; value: string };
    if (key !== 'AuthorizationKey') return { status: 'Accepted' };
    return take(Buffer.from(value, 'hex'), messageId, { status: answer === 'Rejected' ? 'Rejected' : 'Accepted' });
  });
  station.handle('SetVariables', async ({ params, messageId }) => {
    const data = (params as { setVariableData: Array<{ component: { name: string }; variable: { name: string }; attributeValue: string }> }).setVariableData;
    const results = data.map((d) => ({ attributeStatus: 'Accepted', component: d.component, variable: d.variable }));
    const pw = data.find((d) => d.component.name === 'SecurityCtrlr' && d.variable.name === 'BasicAuthPassword');
    if (!pw) return { setVariableResult: results };
    const status = answer === 'Rejected' ? 'Rejected' : 'Accepted';
    return take(pw.attributeValue, messageId, { setVariableResult: results.map((r) => ({ ...r, attributeStatus: status })) });
  });
  await station.connect();
  return {
    password: () => current,
    switched: switchedPromise,
    close: async () => void (await station.close({ force: true })),
  };
}
