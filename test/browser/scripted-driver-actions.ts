import type {
  DriverActions,
  LandingView,
  SessionView,
  StartDropInResult,
  StopResult,
} from '../../src/usecases/ports/driver-views.ts';
import { aSessionView } from './driver-view-builders.ts';

type StartInput = Parameters<DriverActions['startDropIn']>[0];

// A DriverActions that serves fixed views and records calls, for testing how
// the driver's pages render and validate. It holds no session logic: a test
// moves a session along with update().
export class ScriptedDriverActions implements DriverActions {
  readonly landings = new Map<string, LandingView>();
  readonly sessions = new Map<string, SessionView>();
  readonly landingLookups: string[] = [];
  readonly starts: StartInput[] = [];
  readonly stops: string[] = [];
  readonly paymentReturns: string[] = [];
  private readonly listeners = new Map<string, Set<(view: SessionView) => void>>();
  private nextToken = 1;

  // What startDropIn answers; by default a new session awaiting payment, sent to `redirectBase`.
  startAnswer: (input: StartInput) => StartDropInResult = (input) => {
    const token = `tok_scripted_${String(this.nextToken++).padStart(6, '0')}`;
    const landing = this.landings.get(input.connectorCode);
    this.sessions.set(
      token,
      aSessionView({
        token,
        phase: 'awaiting_payment',
        connectorCode: input.connectorCode,
        maxAmountOre: input.maxAmountOre,
        chargingStartedAt: undefined,
        energyWh: 0,
        powerW: undefined,
        socPercent: undefined,
        runningCostOre: 0,
        canStop: false,
        ...(landing ? { stationName: landing.stationName, siteName: landing.siteName, tariff: landing.tariff } : {}),
      }),
    );
    return { ok: true, token, redirectUrl: `${this.redirectBase}?token=${token}` };
  };
  redirectBase = 'https://landing.vipps.example/pay';
  paymentReturnAnswer: (token: string) => void = () => undefined;

  async landing(connectorCode: string): Promise<LandingView | undefined> {
    this.landingLookups.push(connectorCode);
    return this.landings.get(connectorCode);
  }

  async startDropIn(input: StartInput): Promise<StartDropInResult> {
    this.starts.push(input);
    return this.startAnswer(input);
  }

  async session(token: string): Promise<SessionView | undefined> {
    return this.sessions.get(token);
  }

  async paymentReturn(token: string): Promise<void> {
    this.paymentReturns.push(token);
    this.paymentReturnAnswer(token);
  }

  async stop(token: string): Promise<StopResult> {
    const view = this.sessions.get(token);
    if (!view) return { ok: false, reason: 'not_found' };
    this.stops.push(token);
    if (!view.canStop) return { ok: false, reason: 'not_stoppable' };
    this.update(token, { phase: 'stopping', canStop: false });
    return { ok: true };
  }

  subscribe(token: string, listener: (view: SessionView) => void): () => void {
    const set = this.listeners.get(token) ?? new Set();
    set.add(listener);
    this.listeners.set(token, set);
    return () => set.delete(listener);
  }

  listenerCount(token: string): number {
    return this.listeners.get(token)?.size ?? 0;
  }

  // Tells the subscribers the current view again, unchanged (as a second listener path might).
  resend(token: string): void {
    const current = this.sessions.get(token);
    if (current) for (const listener of this.listeners.get(token) ?? []) listener(current);
  }

  // Changes a session the way the session logic would, and tells the subscribers.
  update(token: string, patch: Partial<SessionView>): SessionView {
    const current = this.sessions.get(token);
    if (!current) throw new Error(`no session ${token}`);
    const next = { ...current, ...patch, version: current.version + 1 };
    this.sessions.set(token, next);
    for (const listener of this.listeners.get(token) ?? []) listener(next);
    return next;
  }
}
