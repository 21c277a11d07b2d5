import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cpuCount: number;
  cpuMhz: number;
  memoryGiB: number;
  os: string;
  node: string;
  date: string;
  loadAtStart: number[];
  openFilesLimit: string;
  code: string; // the commit measured
}

// What a figure means depends on the machine it came from: every result is
// written with this.
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cpuCount: list.length,
    cpuMhz: list[0]?.speed ?? 0,
    memoryGiB: totalmem() / 2 ** 30,
    os: `${type()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
    loadAtStart: loadavg(),
    openFilesLimit: openFilesLimit(),
    code: commit(),
  };
}

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'simulators'], { encoding: 'utf8' }).trim();
    return dirty ? `${sha} with uncommitted changes in src/ or simulators/` : sha;
  } catch {
    return 'unknown';
  }
}

function openFilesLimit(): string {
  try {
    return execFileSync('bash', ['-c', 'echo "$(ulimit -Sn) soft / $(ulimit -Hn) hard"'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function machineMarkdown(m: MachineInfo): string {
  const load = m.loadAtStart.map((l) => l.toFixed(2)).join(' / ');
  return [
    `- Machine: ${m.cpuCount} × ${m.cpuModel}${m.cpuMhz ? ` (${m.cpuMhz} MHz)` : ''}, ${m.memoryGiB.toFixed(1)} GiB memory, ${m.os}`,
    `- Node.js ${m.node}; open files limit ${m.openFilesLimit}; code at commit ${m.code}`,
    `- Run started ${m.date}; load average at start (1/5/15 min): ${load}`,
  ].join('\n');
}
