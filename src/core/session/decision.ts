import type { Session } from './session.ts';
import type { SessionCommand, SessionEvent } from './session-input.ts';

// What the state machine answers to one input: the next session with the side
// effects and history it calls for, or no change and why.
export type Decision =
  | { changed: true; session: Session; commands: SessionCommand[]; events: SessionEvent[] }
  | { changed: false; reason: string };

export type Out = Extract<Decision, { changed: true }>;

// Builds a changed decision from a patch of the current session.
export type Next = (patch: Partial<Session>, commands: SessionCommand[], events: SessionEvent[]) => Out;

export const unchanged = (reason: string): Decision => ({ changed: false, reason });
