import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';
import { checkStationPassword as checkStrength } from '../security/secret-strength.ts';
import { generateStationSecret, hashStationSecret, secretStrength, type SecretStrength } from '../security/station-secret.ts';
import type { SecondPasswordRole, StationPasswords } from './station-directory.ts';
import type { Lockout, StationLockouts } from './station-lockouts.ts';

export interface PasswordStatus {
  strength: SecretStrength;
  second?: { role: SecondPasswordRole; validUntil: Date };
}

export type NewPassword = { ok: true; password: string } | { ok: false; problem: string };

export interface Rotation {
  outcome: CommandOutcome;
  // Shown once. Given unless the station refused it or was offline: after a
  // lost answer the station may hold it.
  password?: string;
  // Until then the other password stays valid too.
  validUntil?: Date;
}

// What the console and the API do at the station door: passwords (set by
// hand, or changed over OCPP) and lockouts.
export interface StationDoors {
  passwordStatus(stationId: string): Promise<PasswordStatus | undefined>;
  // A hand-picked password must pass the strength rule; none: one is made.
  setPassword(stationId: string, password?: string): Promise<NewPassword>;
  rotate(stationId: string): Promise<Rotation>;
  lockouts(filter?: { stationId?: string }): Promise<Lockout[]>;
  lift(id: number, by: string): Promise<Lockout | undefined>;
}

// A hand-picked password checked, or a generated one; with its hash.
export async function newStationPassword(password: string | undefined): Promise<{ ok: true; password: string; hash: string } | { ok: false; problem: string }> {
  const chosen = password === undefined || password === '' ? generateStationSecret() : password;
  const verdict = checkStrength(chosen);
  if (!verdict.ok) return { ok: false, problem: verdict.problem };
  return { ok: true, password: chosen, hash: await hashStationSecret(chosen) };
}

export function createStationDoors(deps: {
  passwords: StationPasswords;
  lockouts: StationLockouts;
  station: { isOnline(stationId: string): boolean; changePassword(stationId: string, secret: string): Promise<CommandOutcome> };
  graceSeconds: number;
  now: () => Date;
}): StationDoors {
  const { passwords, now } = deps;
  return {
    async passwordStatus(stationId) {
      const state = await passwords.passwordState(stationId, now());
      if (!state) return undefined;
      const status: PasswordStatus = { strength: secretStrength(state.passwordHash) };
      if (state.second) status.second = { role: state.second.role, validUntil: state.second.validUntil };
      return status;
    },

    async setPassword(stationId, password) {
      const made = await newStationPassword(password);
      if (!made.ok) return made;
      await passwords.setPassword(stationId, made.hash);
      return { ok: true, password: made.password };
    },

    async rotate(stationId) {
      if (!deps.station.isOnline(stationId)) return { outcome: 'offline' };
      const secret = generateStationSecret();
      const hash = await hashStationSecret(secret);
      const at = now();
      const validUntil = new Date(at.getTime() + deps.graceSeconds * 1000);
      // Valid before it is sent: the station may come back with it at once.
      await passwords.offerNext(stationId, hash, validUntil, at);
      const outcome = await deps.station.changePassword(stationId, secret);
      if (outcome === 'accepted') {
        await passwords.confirmNext(stationId, hash, validUntil, now());
        return { outcome, password: secret, validUntil };
      }
      if (outcome === 'rejected') {
        await passwords.withdrawNext(stationId, hash);
        return { outcome };
      }
      // No answer: whether the station took it is unknown, so both stay valid.
      return { outcome, password: secret, validUntil };
    },

    lockouts: (filter) => deps.lockouts.active(filter),
    lift: (id, by) => deps.lockouts.lift(id, by),
  };
}
