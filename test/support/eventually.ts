// How long a test waits for something the system does on its own before it
// calls the run broken. Generous on purpose: the machines that run the suite
// are shared and often busy (`npm run test:loaded` runs it beside two CPU
// hogs), and a limit only ever matters to a run that is already failing.
export const WAIT_LIMIT_MS = 60_000;

// Waits for a condition that the system reaches asynchronously (a webhook, an
// outbox item, an OCPP answer). Not a timing assertion: the limit only stops
// a broken run from hanging.
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = WAIT_LIMIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
