// The benchmarks' command-line flags: `--name value` or `--name=value`, and
// `--name` alone for a switch. An unknown flag stops the run, so a typo never
// silently benchmarks the defaults.
export class Flags {
  private readonly values = new Map<string, string>();
  private readonly used = new Set<string>();

  constructor(argv: string[]) {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] as string;
      if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
      const eq = arg.indexOf('=');
      if (eq > 0) {
        this.values.set(arg.slice(2, eq), arg.slice(eq + 1));
        continue;
      }
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        this.values.set(arg.slice(2), next);
        i++;
      } else {
        this.values.set(arg.slice(2), 'true');
      }
    }
  }

  str(name: string, fallback: string): string {
    this.used.add(name);
    return this.values.get(name) ?? fallback;
  }

  optional(name: string): string | undefined {
    this.used.add(name);
    return this.values.get(name);
  }

  num(name: string, fallback: number): number {
    const raw = this.str(name, String(fallback));
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`--${name} must be a number (got "${raw}")`);
    return n;
  }

  bool(name: string): boolean {
    const raw = this.str(name, 'false');
    return raw === 'true' || raw === '1' || raw === 'yes';
  }

  numbers(name: string, fallback: number[]): number[] {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const list = raw.split(',').map((p) => Number(p.trim()));
    if (list.some((n) => !Number.isFinite(n))) throw new Error(`--${name} must be a comma-separated list of numbers (got "${raw}")`);
    return list;
  }

  // Call after reading every flag.
  rejectUnknown(): void {
    const unknown = [...this.values.keys()].filter((k) => !this.used.has(k));
    if (unknown.length > 0) throw new Error(`unknown flag(s): ${unknown.map((u) => `--${u}`).join(', ')}`);
  }
}
