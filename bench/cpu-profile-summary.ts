import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './node-child.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileShare {
  name: string;
  ms: number;
  percent: number; // of the time the main thread was not idle
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  selfByFunction: ProfileShare[];
  selfByArea: ProfileShare[];
  // Time with the file anywhere on the stack: what a piece of Ladepay costs
  // with everything it calls.
  inclusiveBySourceFile: ProfileShare[];
}

// Where a frame's code lives: a package, a Node.js internal, or a file of ours.
function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node:' + (url.slice(5).split('/')[1] ?? url.slice(5));
  return sourceFile(url) ?? url;
}

function sourceFile(url: string): string | undefined {
  if (!url.startsWith('file://') || url.includes('node_modules')) return undefined;
  return relative(ROOT, new URL(url).pathname);
}

// Microseconds of the monotonic clock: V8 stamps profiles with the clock
// behind process.hrtime, so another process on the same machine can say
// which stretch of a profile it wants.
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

// Reads a V8 .cpuprofile (node --cpu-prof) and says where the main thread's
// time went, in the whole profile or one window of it. Work on libuv's thread
// pool (scrypt, for one) is not in it.
export function summarizeCpuProfile(path: string, top = 15, window?: ProfileWindow): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const selfFn = new Map<string, number>();
  const selfArea = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    // timeDeltas[i] is the time since the previous sample: it belongs to sample i.
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += ms;
      continue;
    }
    busy += ms;
    const where = sourceFile(url) ?? areaOf(url, functionName);
    add(selfFn, `${functionName || '(anonymous)'} — ${where}${url ? `:${lineNumber + 1}` : ''}`, ms);
    add(selfArea, areaOf(url, functionName), ms);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const file = sourceFile(byId.get(id)?.callFrame.url ?? '');
      if (file && !seen.has(file)) {
        seen.add(file);
        add(inclusive, file, ms);
      }
    }
  }
  const ranked = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, percent: busy > 0 ? (ms / busy) * 100 : 0 }));
  return { busyMs: busy, idleMs: idle, selfByFunction: ranked(selfFn), selfByArea: ranked(selfArea), inclusiveBySourceFile: ranked(inclusive) };
}

// Node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile;
// thread 0 is the main thread (tsx's loader runs in a worker of its own).
export function newestProfile(dir: string): string | undefined {
  const files = readdirSync(dir)
    .filter((f) => /\.0\.\d+\.cpuprofile$/.test(f))
    .sort();
  const last = files[files.length - 1];
  return last ? join(dir, last) : undefined;
}

export function profileMarkdown(s: ProfileSummary): string {
  const table = (title: string, rows: ProfileShare[]) =>
    [`| ${title} | ms | % of busy |`, '| --- | ---: | ---: |', ...rows.map((r) => `| ${r.name.replace(/\|/g, '\\|')} | ${r.ms.toFixed(0)} | ${r.percent.toFixed(1)} |`)].join('\n');
  const total = s.busyMs + s.idleMs;
  return [
    `Main thread busy ${(s.busyMs / 1000).toFixed(1)} s of ${(total / 1000).toFixed(1)} s profiled (${total > 0 ? ((s.busyMs / total) * 100).toFixed(0) : 0} %).`,
    '',
    table('self time, by package or file', s.selfByArea),
    '',
    table('self time, by function', s.selfByFunction),
    '',
    table('inclusive time, by Ladepay source file', s.inclusiveBySourceFile),
  ].join('\n');
}

// npx tsx bench/cpu-profile-summary.ts <file.cpuprofile | folder>
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv[2];
  if (!arg) {
    console.error('usage: tsx bench/cpu-profile-summary.ts <file.cpuprofile | folder>');
    process.exit(2);
  }
  const file = arg.endsWith('.cpuprofile') ? arg : newestProfile(arg);
  if (!file) throw new Error(`no .cpuprofile in ${arg}`);
  console.log(profileMarkdown(summarizeCpuProfile(file, 20)));
}
