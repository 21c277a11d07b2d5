// What the client needs from a logger: pino's Logger and Fastify's request
// logger both satisfy it.
export interface VippsLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface VippsCallObservation {
  operation: string;
  status: number | 'network';
  durationMs: number;
}

// Wired to prom-client by the composition root; one observation per HTTP attempt.
export interface VippsMetrics {
  observe(call: VippsCallObservation): void;
}
