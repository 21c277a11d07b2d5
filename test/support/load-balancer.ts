import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/adapters/web/free-port.ts';
import { haproxyConfig, type Backend, type HaproxyOptions } from './haproxy-config.ts';
import { systemDependency } from './system-deps.ts';

const START_LIMIT_MS = 30_000;
const STOP_LIMIT_MS = 5_000;

// A request as HAProxy logged it: which node got it and what it answered.
export interface RoutedRequest {
  server: string; // a backend's name, or <NOSRV> when none was up
  status: number;
  method: string;
  path: string;
}

// A node taken out of the rotation or put back, as HAProxy said it, with the
// wall-clock time its line was read.
export interface ServerStateChange {
  server: string;
  state: 'UP' | 'DOWN';
  at: number;
}

// A real HAProxy in front of Ladepay nodes, in the foreground as a child
// process of the test.
export interface LoadBalancer {
  url: string; // http://127.0.0.1:<port>
  wsUrl: string; // ws://127.0.0.1:<port>
  pid: number;
  routed(): RoutedRequest[];
  stateChanges(): ServerStateChange[];
  output(): string; // HAProxy's stderr and stdout: its warnings and the request log
  stop(): Promise<void>;
}

export async function startLoadBalancer(backends: readonly Backend[], options: HaproxyOptions = {}): Promise<LoadBalancer> {
  const haproxy = systemDependency('haproxy');
  if (!haproxy.path) throw new Error(`HAProxy ${haproxy.why}; install it with: ${haproxy.install}`);
  const port = await freePort('127.0.0.1');
  const dir = mkdtempSync(join(tmpdir(), 'ladepay-haproxy-'));
  const configFile = join(dir, 'haproxy.cfg');
  writeFileSync(configFile, haproxyConfig(port, backends, options));
  // -db: stay in the foreground, never fork into a daemon, so killing the child ends HAProxy.
  const child = spawn(haproxy.path, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const states = stateWatch();
  const keep = (d: Buffer) => {
    const text = d.toString();
    states.read(text);
    out = (out + text).slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const running = () => child.exitCode === null && child.signalCode === null;
  // Should the test's process end without stop(), HAProxy ends with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (running()) child.kill('SIGTERM');
    const timer = setTimeout(() => running() && child.kill('SIGKILL'), STOP_LIMIT_MS);
    await exited;
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await untilItAnswers(url, running, () => out);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, wsUrl: url.replace(/^http/, 'ws'), pid: child.pid as number, routed: () => routedRequests(out), stateChanges: () => [...states.changes], output: () => out, stop };
}

// Any HTTP answer will do: with no node up yet HAProxy answers 503 itself.
async function untilItAnswers(url: string, running: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + START_LIMIT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!running()) throw new Error(`HAProxy exited before it answered ${url}; its output:\n${output()}`);
    try {
      await (await fetch(url, { signal: AbortSignal.timeout(5_000) })).arrayBuffer();
      return;
    } catch (e) {
      last = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`HAProxy did not answer ${url} within ${START_LIMIT_MS / 1000} s (last: ${last}); its output:\n${output() || '(none)'}`);
}

// HAProxy says a change twice (a warning and a log line):
//   [WARNING]  (26500) : Server nodes/node-1 is DOWN, reason: Layer4 connection problem, …
// each kept once, read as it comes (the output kept is only its tail).
function stateWatch(): { changes: ServerStateChange[]; read(text: string): void } {
  const changes: ServerStateChange[] = [];
  const last = new Map<string, string>();
  let partial = '';
  return {
    changes,
    read(text) {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const m = /Server [^/\s]+\/(\S+) is (UP|DOWN)\b/.exec(line);
        if (!m || last.get(m[1] as string) === m[2]) continue;
        last.set(m[1] as string, m[2] as string);
        changes.push({ server: m[1] as string, state: m[2] as 'UP' | 'DOWN', at: Date.now() });
      }
    },
  };
}

function routedRequests(log: string): RoutedRequest[] {
  const found: RoutedRequest[] = [];
  for (const m of log.matchAll(/^routed [^/\s]+\/(\S+) (\d{3}) "(\S+) (\S+) [^"]*"$/gm)) {
    found.push({ server: m[1] as string, status: Number(m[2]), method: m[3] as string, path: m[4] as string });
  }
  return found;
}
