import Fastify, { type FastifyInstance } from 'fastify';
import { driverPages, type DriverPagesOptions } from '../../src/adapters/web/driver/driver-pages.ts';
import { aLandingView, aSessionView } from './driver-view-builders.ts';
import { ScriptedDriverActions } from './scripted-driver-actions.ts';

export const PUBLIC_URL = 'https://lade.example.no';
export const CHARGING_TOKEN = 'tok_abcdefghijklmnop';
export const SUPPORT = { phone: '+47 55 12 34 56', email: 'kundeservice@fjordlading.example', url: 'https://lade.example.no/hjelp' };

const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

// A Fastify app with only the driver's pages, on scripted actions: one
// available connector K7P2QX and one charging session.
export async function buildDriverTestApp(options: Partial<DriverPagesOptions> = {}): Promise<{ app: FastifyInstance; actions: ScriptedDriverActions }> {
  const actions = new ScriptedDriverActions();
  actions.landings.set('K7P2QX', aLandingView());
  actions.sessions.set(CHARGING_TOKEN, aSessionView({ token: CHARGING_TOKEN }));
  const app = Fastify({ logger: false, trustProxy: true });
  await app.register(driverPages, {
    actions,
    publicUrl: PUBLIC_URL,
    operatorName: 'Fjordlading AS',
    support: SUPPORT,
    logger: quietLogger,
    formKey: 'test-form-key-0123456789abcdef',
    ...options,
  });
  await app.ready();
  return { app, actions };
}
