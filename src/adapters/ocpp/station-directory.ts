// Where the endpoint finds a station's Basic-auth secret (OCPP security
// profile 1, or 2 with TLS terminated in front) and keeps it current.
// Implemented by storage. Hashes are as station-secret.ts writes them.

export type SecondPasswordRole = 'next' | 'previous';

export interface StationCredentials {
  passwordHash: string;
  disabled: boolean;
  // While the password is being changed over OCPP: the other one still (or
  // already) valid; only given while valid at `now`.
  second?: { passwordHash: string; role: SecondPasswordRole; validUntil: Date };
}

export interface StationDirectory {
  findCredentials(stationId: string, now: Date): Promise<StationCredentials | undefined>;
  // The station connected with the password stored as `usedHash`. A 'next'
  // password it used becomes its password; a 'previous' one is dropped once
  // it uses its (new) password. By hash, not by which slot matched when the
  // credentials were read: a change may have been confirmed in between.
  settleSecondPassword(stationId: string, usedHash: string): Promise<void>;
}

// The writes of a password change, for the console and the API.
export interface StationPasswords extends StationDirectory {
  // A password set by hand: the only one from now on.
  setPassword(stationId: string, passwordHash: string): Promise<void>;
  // Offered to the station: valid beside the current one until validUntil.
  offerNext(stationId: string, passwordHash: string, validUntil: Date, now: Date): Promise<void>;
  // The station took it: it is the password, the old one stays valid until validUntil.
  confirmNext(stationId: string, passwordHash: string, validUntil: Date, now: Date): Promise<void>;
  // The station refused the offer.
  withdrawNext(stationId: string, passwordHash: string): Promise<void>;
  passwordState(stationId: string, now: Date): Promise<StationCredentials | undefined>;
}
