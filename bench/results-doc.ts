import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const RESULTS_PATH = resolve(import.meta.dirname, '../docs/benchmarks.md');

const HEADER = `# Benchmarks

How far one Ladepay process goes. Each section below is written by its benchmark (\`bench/\`, see
\`bench/README.md\`) and replaced when it runs again; the figures always come with the machine they ran on.
`;

// Each benchmark owns the text between its two markers in docs/benchmarks.md
// and replaces only that; everything else in the file is left as it is.
export function writeResultsSection(id: string, body: string, path = RESULTS_PATH): void {
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : HEADER;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
}
