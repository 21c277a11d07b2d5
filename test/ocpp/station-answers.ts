import type { RpcStation } from './rpc-station.ts';

// Makes the station answer the CSMS's next `action` call with `response`, and
// resolves with the params of that call.
export function answerNext(station: RpcStation, action: string, response: object): Promise<unknown> {
  return new Promise((resolve) => {
    station.handle(action, async ({ params }) => {
      resolve(params);
      return response;
    });
  });
}

// Makes the station take the CSMS's `action` calls and never answer them.
// ocpp-rpc then only closes that station with { force: true }.
export function neverAnswer(station: RpcStation, action: string): Promise<unknown> {
  return new Promise((resolve) => {
    station.handle(action, ({ params }) => {
      resolve(params);
      return new Promise<Record<string, never>>(() => undefined);
    });
  });
}
