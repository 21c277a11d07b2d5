import type { Role } from '../../core/operator-role.ts';

// Console users and their login sessions.

export interface OperatorUser {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface LoginSession {
  user: OperatorUser;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface SessionLifetime {
  // A session ends this long after login, whatever happens.
  absoluteMs: number;
  // …or this long after the last request.
  idleMs: number;
}

export interface OperatorUsers {
  // By email, in order.
  list(): Promise<OperatorUser[]>;
  byId(id: string): Promise<OperatorUser | undefined>;
  byEmail(email: string): Promise<(OperatorUser & { passwordHash: string }) | undefined>;
  // undefined when the email is taken.
  create(u: { email: string; passwordHash: string; role: Role }, now: Date): Promise<OperatorUser | undefined>;
  setRole(userId: string, role: Role): Promise<void>;
  // Disabling ends the user's logins at once.
  setDisabled(userId: string, disabled: boolean): Promise<void>;
  // Owners who can still log in.
  activeOwners(): Promise<number>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
}

// A login is a random id the browser holds; the session (expiry, CSRF token)
// is kept here, so logging out or disabling a user ends it at once.
export interface LoginSessions {
  startSession(userId: string, now: Date, lifetime: SessionLifetime): Promise<{ sessionId: string; csrfToken: string }>;
  // The live session for this id, its idle expiry pushed forward.
  session(sessionId: string, now: Date, lifetime: SessionLifetime): Promise<LoginSession | undefined>;
  endSession(sessionId: string): Promise<void>;
  endSessionsOf(userId: string): Promise<void>;
  pruneSessions(now: Date): Promise<number>;
}
