export interface PeriodicJob {
  // Runs it now (tests, and a change that should be seen at once).
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

// A job run every `everyMs`, one run at a time. gate: whether this node runs
// it now; where several nodes share the database, one holds the job's lock
// and the others skip it (docs/deploy.md).
export function startPeriodicJob(o: { everyMs: number; run: () => Promise<unknown>; failed: (e: unknown) => void; gate?: () => Promise<boolean> }): PeriodicJob {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = () => {
    running = running
      .then(async () => {
        if (stopped || (o.gate && !(await o.gate()))) return;
        await o.run();
      })
      .catch(o.failed);
    return running;
  };
  const timer = setInterval(run, o.everyMs);
  timer.unref();
  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
