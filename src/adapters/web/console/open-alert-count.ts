import type { FastifyInstance, FastifyRequest } from 'fastify';

const counts = new WeakMap<FastifyRequest, number>();

// The number of open alerts, read once per console request (after the login
// check) for the count in the navigation.
export function countOpenAlerts(app: FastifyInstance, deps: { alerts: { openCount(): Promise<number> } }): void {
  app.addHook('preHandler', async (request) => {
    counts.set(request, await deps.alerts.openCount());
  });
}

export function openAlertsOf(request: FastifyRequest): number | undefined {
  return counts.get(request);
}
