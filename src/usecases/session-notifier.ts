// In-process fan-out of "this session changed" to whoever shows it live (the
// driver's status page over SSE, the console). Losing a notification only
// delays a page until its next poll; nothing depends on it for correctness.
export class SessionNotifier {
  private readonly listeners = new Map<string, Set<() => void>>();

  subscribe(sessionId: string, listener: () => void): () => void {
    let set = this.listeners.get(sessionId);
    if (!set) {
      set = new Set();
      this.listeners.set(sessionId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(sessionId);
    };
  }

  notify(sessionId: string): void {
    for (const listener of this.listeners.get(sessionId) ?? []) {
      try {
        listener();
      } catch {
        // a broken listener must not stop the others
      }
    }
  }

  count(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
