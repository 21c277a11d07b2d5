// The slice of a pino logger the OCPP adapter writes to. A pino instance fits
// as is; tests pass a recorder.
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}
