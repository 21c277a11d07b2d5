import { performance } from 'node:perf_hooks';
import type { ConnectReport, FromGenerator, ToGenerator } from './load-messages.ts';
import { bootCalls, heartbeatCall, meterCall, rebootCalls, startCalls, type Call } from './load-protocol.ts';
import { Reconnects } from './load-reconnect.ts';
import { LoadStation } from './load-station.ts';
import { LoadWindow } from './load-window.ts';
import { summarize } from './percentiles.ts';

// The load generator of bench/stations-at-scale.ts, run as a child process of
// its own (with its own open-files limit) and steered over IPC: connect this
// many stations, measure for this long, burst, close.

type Plan = Extract<ToGenerator, { type: 'plan' }>;

// Messages are spread over slots this long. Coarse slots would send each
// slot's messages at the same instant, and the last of a bunch would wait for
// all before it: a queue the generator made, not the server.
const TICK_MS = 10;

let plan: Plan | undefined;
const stations: LoadStation[] = [];
const booted: LoadStation[] = [];
let heartbeatSlots: LoadStation[][] = [];
let meterSlots: LoadStation[][] = [];
let slotsDone = 0;
let startedAt = 0;
let steady: LoadWindow | undefined;
let burst: LoadWindow | undefined;
let reconnects: Reconnects | undefined;

function send(msg: FromGenerator): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(msg, undefined, {}, () => resolve());
  });
}

function open(): number {
  let n = 0;
  for (const s of booted) if (s.open) n++;
  return n;
}

function fire(s: LoadStation, call: Call, window: LoadWindow | undefined): void {
  if (!s.open) return;
  if (s.busy()) {
    if (window) window.skippedBusy++;
    return;
  }
  if (window) window.sent++;
  void s.call(call).then((o) => window?.outcome(call[0], o));
}

// Every slot that has come due since the last tick, so a late timer never
// skips a slot and the offered load stays what it should be.
function tick(): void {
  const due = Math.floor((performance.now() - startedAt) / TICK_MS);
  for (; slotsDone < due; slotsDone++) {
    const slot = slotsDone + 1;
    for (const s of meterSlots[slot % meterSlots.length] ?? []) fire(s, meterCall(s.state), steady);
    for (const s of heartbeatSlots[slot % heartbeatSlots.length] ?? []) fire(s, heartbeatCall(), steady);
  }
}

function sweep(): void {
  if (!plan) return;
  const limit = BigInt(plan.callTimeoutMs) * 1_000_000n;
  const now = process.hrtime.bigint();
  for (const s of stations) s.expireIfOlderThan(limit, now);
}

// Spread over the slots so that every tick carries the same share.
function schedule(s: LoadStation, index: number): void {
  booted.push(s);
  heartbeatSlots[(index * 7919) % heartbeatSlots.length]!.push(s);
  if (s.state.charging) meterSlots[(index * 104_729) % meterSlots.length]!.push(s);
}

// A station's own address, as its network would give it: 10.0.0.1, 10.0.0.2 …
function addressOf(index: number): string {
  const n = index + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

// Connects a station that lost its socket and boots it again.
async function bootAgain(s: LoadStation, p: Plan): Promise<string | undefined> {
  if (s.open) s.close(); // what is left of a failed attempt
  try {
    await s.connect(p.url, p.password, 30_000);
  } catch (err) {
    return `connect: ${err instanceof Error ? err.message : String(err)}`;
  }
  for (const call of rebootCalls(s.state)) {
    const o = await s.call(call);
    if (o.kind !== 'result') return `${call[0]}: ${o.kind === 'error' ? o.code : o.kind}`;
    if (call[0] === 'BootNotification' && (o.payload as { status?: string }).status !== 'Accepted') return 'BootNotification not accepted';
  }
  return undefined;
}

async function bringUp(s: LoadStation, p: Plan, upgradeMs: number[], bootedMs: number[]): Promise<string | undefined> {
  const t0 = process.hrtime.bigint();
  try {
    await s.connect(p.url, p.password, 120_000);
  } catch (err) {
    return `connect: ${err instanceof Error ? err.message : String(err)}`;
  }
  upgradeMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  const calls = bootCalls(s.state);
  for (const call of calls) {
    const o = await s.call(call);
    if (o.kind !== 'result') return `${call[0]}: ${o.kind === 'error' ? o.code : o.kind}`;
    if (call[0] === 'BootNotification' && (o.payload as { status?: string }).status !== 'Accepted') return 'BootNotification not accepted';
  }
  bootedMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (s.state.charging) {
    for (const call of startCalls(s.state)) {
      const o = await s.call(call);
      if (o.kind !== 'result') return `${call[0]}: ${o.kind === 'error' ? o.code : o.kind}`;
      if (call[0] === 'StartTransaction') s.state.transactionId = (o.payload as { transactionId: number }).transactionId;
    }
  }
  return undefined;
}

async function connect(upTo: number): Promise<ConnectReport> {
  const p = plan;
  if (!p) throw new Error('no plan');
  const from = stations.length;
  const to = Math.min(upTo, p.stations.length);
  for (let i = from; i < to; i++) {
    const s = new LoadStation({ ...p.stations[i]!, meterWh: 1_000_000, seqNo: 0 }, addressOf(i));
    s.onDropped = () => {
      if (steady) steady.dropped++;
      if (burst) burst.dropped++;
      reconnects?.dropped(s);
    };
    stations.push(s);
  }
  const upgradeMs: number[] = [];
  const bootedMs: number[] = [];
  const failures: Record<string, number> = {};
  let next = from;
  let failed = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < to) {
      const index = next++;
      const s = stations[index]!;
      const failure = await bringUp(s, p, upgradeMs, bootedMs);
      if (failure === undefined) schedule(s, index);
      else {
        failed++;
        failures[failure] = (failures[failure] ?? 0) + 1;
        s.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(p.connectConcurrency, to - from)) }, worker));
  return {
    type: 'connected',
    connected: open(),
    added: to - from - failed,
    failed,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    upgradeMs: summarize(upgradeMs),
    bootedMs: summarize(bootedMs),
    failures,
  };
}

async function runBurst(seconds: number, count: number): Promise<void> {
  const window = new LoadWindow('burst');
  burst = window;
  const pool = booted.filter((s) => s.open);
  const k = Math.min(count, pool.length);
  const chosen = Array.from({ length: k }, (_, j) => pool[Math.floor((j * pool.length) / k)]!);
  const end = Date.now() + seconds * 1000;
  // Closed loop: each chosen station sends its next message as soon as the
  // previous one is answered, which is the most OCPP-J allows a station.
  await Promise.all(
    chosen.map(async (s) => {
      while (Date.now() < end && s.open) {
        if (s.busy()) {
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        const call = s.state.charging ? meterCall(s.state) : heartbeatCall();
        window.sent++;
        window.outcome(call[0], await s.call(call));
      }
    }),
  );
  burst = undefined;
  await send(window.report(k, open()));
}

async function closeAll(): Promise<void> {
  reconnects?.close();
  for (const s of stations) s.close();
  const deadline = Date.now() + 15_000;
  while (stations.some((s) => s.open) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

process.on('message', (raw: unknown) => {
  const msg = raw as ToGenerator;
  const fail = (err: unknown) => void send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  switch (msg.type) {
    case 'plan':
      plan = msg;
      if (msg.reconnectSpreadMs !== undefined) {
        const p = msg;
        reconnects = new Reconnects(msg.reconnectSpreadMs, (s) => bootAgain(s, p));
      }
      heartbeatSlots = Array.from({ length: Math.max(1, Math.round((msg.heartbeatSeconds * 1000) / TICK_MS)) }, () => []);
      meterSlots = Array.from({ length: Math.max(1, Math.round((msg.meterSeconds * 1000) / TICK_MS)) }, () => []);
      startedAt = performance.now();
      setInterval(tick, TICK_MS);
      setInterval(sweep, 1000);
      void send({ type: 'ready' });
      break;
    case 'connect':
      connect(msg.upTo).then((r) => send(r), fail);
      break;
    case 'measure': {
      const window = new LoadWindow('measured');
      steady = window;
      setTimeout(() => {
        steady = undefined;
        void send(window.report(booted.length, open()));
      }, msg.seconds * 1000);
      break;
    }
    case 'recovery':
      if (!reconnects) fail(new Error('recovery asked of a plan without reconnects'));
      else reconnects.recovery(msg.since, msg.expected, msg.timeoutMs).then((r) => send(r), fail);
      break;
    case 'burst':
      runBurst(msg.seconds, msg.stations).catch(fail);
      break;
    case 'close':
      closeAll()
        .then(() => send({ type: 'closed' }))
        .then(() => process.exit(0), fail);
      break;
  }
});

process.on('disconnect', () => process.exit(0));
