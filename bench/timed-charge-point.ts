import { startChargePoint, type ChargePoint, type Frame, type Protocol } from '../simulators/charge-point/index.ts';

// What the drop-in benchmark times at the station: when a command from the
// CSMS arrived, and when the station's own stop went out.
export type StationMark = 'remoteStart' | 'remoteStop' | 'started' | 'startAnswered' | 'stopSent';

export interface TimedChargePoint {
  cp: ChargePoint;
  marks: Partial<Record<StationMark, number>>;
  // Resolves with the wall-clock time of the mark (at once if already made).
  waitFor(mark: StationMark, timeoutMs: number): Promise<number>;
  // Every mark made so far forgotten: the station's next session is timed afresh.
  forget(): void;
}

const CALLS: Record<string, StationMark | undefined> = {
  'in:RemoteStartTransaction': 'remoteStart',
  'in:RequestStartTransaction': 'remoteStart',
  'in:RemoteStopTransaction': 'remoteStop',
  'in:RequestStopTransaction': 'remoteStop',
  'out:StartTransaction': 'started',
  'out:StopTransaction': 'stopSent',
};

// The CSMS's answer to the station's start, found by its message id.
function markOf(frame: Frame, startId: { value?: string }): StationMark | undefined {
  if (startId.value !== undefined && frame.dir === 'in' && frame.text.startsWith(`[3,${JSON.stringify(startId.value)}`)) return 'startAnswered';
  if (!frame.text.startsWith('[2,')) return undefined;
  const message = JSON.parse(frame.text) as [number, string, string, Record<string, unknown>];
  const mark = markOfCall(frame, message);
  if (mark === 'started') startId.value ??= message[1];
  return mark;
}

function markOfCall(frame: Frame, message: [number, string, string, Record<string, unknown>]): StationMark | undefined {
  const action = message[2];
  if (frame.dir === 'out' && action === 'TransactionEvent') {
    const type = message[3]['eventType'];
    return type === 'Started' ? 'started' : type === 'Ended' ? 'stopSent' : undefined;
  }
  return CALLS[`${frame.dir}:${action}`];
}

// timeScale 0 (the default): time moves only with tick(); 1: the station
// charges in real time (see the simulator's README).
export async function startTimedChargePoint(o: {
  csmsUrl: string;
  stationId: string;
  password: string;
  protocol: Protocol;
  timeScale?: number;
  meterStartWh?: number;
}): Promise<TimedChargePoint> {
  let marks: TimedChargePoint['marks'] = {};
  const waiters = new Set<{ mark: StationMark; done: (at: number) => void }>();
  const startId: { value?: string } = {};
  const cp = await startChargePoint({
    ...o,
    timeScale: o.timeScale ?? 0,
    settleTimeoutMs: 30_000,
    bootTimeoutMs: 120_000,
    onFrame(frame) {
      const mark = markOf(frame, startId);
      if (!mark || marks[mark] !== undefined) return;
      const at = frame.at.getTime();
      marks[mark] = at;
      for (const w of [...waiters]) {
        if (w.mark === mark) {
          waiters.delete(w);
          w.done(at);
        }
      }
    },
  });
  return {
    cp,
    get marks() {
      return marks;
    },
    forget() {
      marks = {};
      delete startId.value;
    },
    waitFor(mark, timeoutMs) {
      const seen = marks[mark];
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = {
          mark,
          done: (at: number) => {
            clearTimeout(timer);
            resolve(at);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`${o.stationId}: no ${mark} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
  };
}
