import type { ConnectReport, FromGenerator, PlannedStation, RecoveryReport, ToGenerator, WindowReport } from './load-messages.ts';
import { startNodeChild, type NodeChild } from './node-child.ts';

// The orchestrator's handle on the load generator child process.
export class LoadGeneratorClient {
  private waiting: { type: FromGenerator['type']; resolve: (m: FromGenerator) => void; reject: (e: Error) => void } | undefined;

  private constructor(readonly node: NodeChild) {
    node.process.on('message', (raw: unknown) => {
      const msg = raw as FromGenerator;
      const w = this.waiting;
      if (!w) return;
      this.waiting = undefined;
      if (msg.type === 'failed') w.reject(new Error(`load generator failed: ${msg.error}`));
      else if (msg.type !== w.type) w.reject(new Error(`load generator answered ${msg.type}, expected ${w.type}`));
      else w.resolve(msg);
    });
    node.process.once('exit', (code) => {
      this.waiting?.reject(new Error(`load generator exited (${code ?? 'signal'}):\n${node.output()}`));
      this.waiting = undefined;
    });
  }

  static start(): LoadGeneratorClient {
    return new LoadGeneratorClient(startNodeChild({ script: 'bench/station-load-generator.ts', ipc: true }));
  }

  private ask<T extends FromGenerator>(msg: ToGenerator, answer: T['type'], timeoutMs: number): Promise<T> {
    if (this.waiting) throw new Error('one request at a time');
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new Error(`load generator: no ${answer} within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.waiting = {
        type: answer,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.node.process.send(msg);
    });
  }

  plan(p: {
    url: string;
    password: string;
    heartbeatSeconds: number;
    meterSeconds: number;
    callTimeoutMs: number;
    connectConcurrency: number;
    reconnectSpreadMs?: number;
    stations: PlannedStation[];
  }): Promise<FromGenerator> {
    return this.ask({ type: 'plan', ...p }, 'ready', 30_000);
  }

  connect(upTo: number, timeoutMs: number): Promise<ConnectReport> {
    return this.ask<ConnectReport>({ type: 'connect', upTo }, 'connected', timeoutMs);
  }

  measure(seconds: number): Promise<WindowReport> {
    return this.ask<WindowReport>({ type: 'measure', seconds }, 'measured', (seconds + 60) * 1000);
  }

  // Needs a plan with reconnectSpreadMs.
  recovery(since: number, expected: number, timeoutMs: number): Promise<RecoveryReport> {
    return this.ask<RecoveryReport>({ type: 'recovery', since, expected, timeoutMs }, 'recovered', timeoutMs + 30_000);
  }

  burst(seconds: number, stations: number): Promise<WindowReport> {
    return this.ask<WindowReport>({ type: 'burst', seconds, stations }, 'burst', (seconds + 120) * 1000);
  }

  async close(): Promise<void> {
    if (this.node.exited()) return;
    await this.ask({ type: 'close' }, 'closed', 30_000).catch(() => undefined);
    await this.node.stop(5_000);
  }
}
