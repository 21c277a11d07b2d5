// How a command to a station went: the station's own answer, or why there
// was none (not connected, no answer in time, a CallError or a bad answer).
export const COMMAND_OUTCOMES = ['accepted', 'rejected', 'offline', 'timeout', 'error'] as const;

export type CommandOutcome = (typeof COMMAND_OUTCOMES)[number];

export type NoAnswer = Exclude<CommandOutcome, 'accepted' | 'rejected'>;

// The station's own answer, or Ladepay's to a station's request.
export type Answer = Exclude<CommandOutcome, NoAnswer>;
