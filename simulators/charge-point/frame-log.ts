// Every frame the station sent or received, newest last, bounded so a station
// running for days does not grow without end.

export type FrameDirection = 'in' | 'out';

export interface Frame {
  dir: FrameDirection;
  at: Date;
  text: string;
}

export interface ParsedFrame {
  dir: FrameDirection;
  message: unknown[]; // [] when the text is not a JSON array
  text: string;
  at: Date;
}

export type FramePredicate = (frame: ParsedFrame) => boolean;

interface Waiter {
  matches: FramePredicate;
  done: (frame: ParsedFrame) => void;
}

export class FrameLog {
  private readonly items: Frame[] = [];
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly max: number) {}

  record(dir: FrameDirection, text: string): Frame {
    const frame = { dir, at: new Date(), text };
    this.items.push(frame);
    if (this.items.length > this.max) this.items.shift();
    if (this.waiters.size === 0) return frame;
    const parsed = parse(frame);
    for (const waiter of [...this.waiters]) {
      if (safely(waiter.matches, parsed)) {
        this.waiters.delete(waiter);
        waiter.done(parsed);
      }
    }
    return frame;
  }

  list(): Frame[] {
    return this.items.map((f) => ({ ...f }));
  }

  // Resolves with the first matching frame, or undefined after timeoutMs.
  next(matches: FramePredicate, timeoutMs: number, includePast = false): Promise<ParsedFrame | undefined> {
    if (includePast) {
      const seen = this.items.map(parse).find((f) => safely(matches, f));
      if (seen) return Promise.resolve(seen);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(undefined);
      }, timeoutMs);
      const waiter: Waiter = {
        matches,
        done: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      };
      this.waiters.add(waiter);
    });
  }
}

export function parseMessage(text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function parse(frame: Frame): ParsedFrame {
  return { dir: frame.dir, message: parseMessage(frame.text), text: frame.text, at: frame.at };
}

// A predicate that throws on an unexpected shape simply does not match.
function safely(matches: FramePredicate, frame: ParsedFrame): boolean {
  try {
    return matches(frame);
  } catch {
    return false;
  }
}
