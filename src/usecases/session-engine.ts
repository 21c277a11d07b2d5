import { decide, type Decision } from '../core/session/decide.ts';
import type { Session } from '../core/session/session.ts';
import type { SessionCommand, SessionEvent, SessionInput, SessionPolicy } from '../core/session/session-input.ts';
import type { EventSource, SessionRepository } from './ports/session-repository.ts';

export interface EngineLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface SessionEngineDeps {
  repo: SessionRepository;
  policy: SessionPolicy;
  now: () => Date;
  logger: EngineLogger;
  // Fired after a commit that enqueued commands: the outbox worker runs them at
  // once instead of at its next poll (OutboxSignal).
  outboxSignal: { fire(): void };
  // Told of every committed change: the session's live pages, on every node.
  changed: (sessionId: string) => void;
}

export type Applied = Decision | { changed: false; reason: 'not_found' };

// load → decide (pure core) → save state, history and outbox in one
// transaction → act (after commit: the outbox worker woken, the live pages told).
// Every input to a session goes through here.
export class SessionEngine {
  constructor(private readonly d: SessionEngineDeps) {}

  get policy(): SessionPolicy {
    return this.d.policy;
  }

  now(): Date {
    return this.d.now();
  }

  async create(session: Session, commands: SessionCommand[], events: SessionEvent[], source: EventSource): Promise<void> {
    const now = this.d.now();
    await this.d.repo.inTransaction(async (tx) => {
      await tx.insert(session, events, source);
      await tx.enqueue(session, commands, now);
    });
    if (commands.length > 0) this.d.outboxSignal.fire();
    this.d.changed(session.id);
  }

  async apply(sessionId: string, input: SessionInput, source: EventSource): Promise<Applied> {
    const now = this.d.now();
    const decision = await this.d.repo.inTransaction(async (tx): Promise<Applied> => {
      const stored = await tx.load(sessionId);
      if (!stored) return { changed: false, reason: 'not_found' };
      const d = decide(stored.session, input, now, this.d.policy);
      if (d.changed) {
        await tx.save(d.session, stored.version, d.events, source);
        await tx.enqueue(d.session, d.commands, now);
      }
      return d;
    });
    if (decision.changed) {
      this.d.logger.info(
        { sessionId, input: input.type, state: decision.session.state, commands: decision.commands.map((c) => c.type) },
        'session changed',
      );
      if (decision.commands.length > 0) this.d.outboxSignal.fire();
      this.d.changed(sessionId);
    }
    return decision;
  }
}
