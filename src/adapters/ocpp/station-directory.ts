// Where the endpoint looks up a station's Basic-auth secret (OCPP security
// profile 1, or 2 with TLS terminated in front). Implemented by storage.
export interface StationCredentials {
  passwordHash: string; // as written by hashPassword() in src/adapters/security/password-hash.ts
  disabled: boolean;
}

export interface StationDirectory {
  findCredentials(stationId: string): Promise<StationCredentials | undefined>;
}
