// Every OCPP-J frame, both ways, is handed to this log. record() must not
// block or throw back into the socket handling: implementations queue the
// write and deal with their own failures.
export interface OcppLogEntry {
  stationId: string;
  direction: 'in' | 'out';
  kind: 'call' | 'result' | 'error';
  action?: string; // for results and errors: the action of the call they answer, when known
  messageId: string;
  payload: string; // JSON text: the call or result payload, or [errorCode, errorDescription, errorDetails]
  at: Date;
}

export interface OcppMessageLog {
  record(entry: OcppLogEntry): void;
}
