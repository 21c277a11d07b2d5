import ocppRpc from 'ocpp-rpc';

// Why a station could not connect, said so a person can act on it.
export class ConnectError extends Error {
  constructor(
    message: string,
    readonly httpStatus?: number,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'ConnectError';
  }
}

export function describeConnectError(err: unknown, url: string, stationId: string): ConnectError {
  if (err instanceof ocppRpc.UnexpectedHttpResponse) {
    const status = Number(err.code);
    const hint =
      status === 401
        ? ' (wrong or missing password, or unknown station)'
        : status === 404
          ? ' (check the URL: the CSMS endpoint, without the station id)'
          : '';
    return new ConnectError(`CSMS at ${url} refused station ${stationId}: HTTP ${status}${hint}`, status, { cause: err });
  }
  const code = err instanceof Error && 'code' in err ? String(err.code) : '';
  const text = err instanceof Error ? err.message : String(err);
  if (code === 'ECONNREFUSED') {
    return new ConnectError(`cannot reach CSMS at ${url}: connection refused (is it running?)`, undefined, { cause: err });
  }
  if (/subprotocol/i.test(text)) {
    return new ConnectError(`CSMS at ${url} did not agree on the OCPP version: ${text}`, undefined, { cause: err });
  }
  return new ConnectError(`cannot connect station ${stationId} to ${url}: ${text}`, undefined, { cause: err });
}
