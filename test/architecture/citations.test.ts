import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const DIRS = ['src', 'simulators', 'test', 'chaos', 'bench', 'scripts', 'docs'];

// Comments and docs cite Vipps' public pages or a page in docs/, never a
// document outside the repository. Each pattern is spelled so that this file
// does not match it.
const FORBIDDEN: readonly RegExp[] = [
  /\bfacts\s*§/i,
  /\.\.\/shared\b/,
  /\bshared\/(?:docs|vipps)\//,
  /vipps-api-fact[s]/,
];

function textFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.split(/[\\/]/).includes('node_modules'))
    .map((f) => join(dir, f))
    .filter((f) => statSync(join(root, f)).isFile())
    .filter((f) => !readFileSync(join(root, f)).includes(0));
}

function linesOf(file: string): string[] {
  return readFileSync(join(root, file), 'utf8').split('\n');
}

describe('citations', () => {
  const files = DIRS.flatMap(textFiles);

  it('point at nothing outside the repository', () => {
    expect(files.length).toBeGreaterThan(100);
    const offending: string[] = [];
    for (const file of files) {
      linesOf(file).forEach((line, i) => {
        if (FORBIDDEN.some((pattern) => pattern.test(line))) offending.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offending).toEqual([]);
  });

  it('name sections of docs/vipps-contract.md that exist', () => {
    const sections = new Set(linesOf('docs/vipps-contract.md').flatMap((line) => /^## (\d+)\. /.exec(line)?.[1] ?? []));
    expect(sections.size).toBeGreaterThan(10);
    const dangling: string[] = [];
    for (const file of files) {
      linesOf(file).forEach((line, i) => {
        for (const [, n] of line.matchAll(/vipps-contract\.md §(\d+)/g)) {
          if (n !== undefined && !sections.has(n)) dangling.push(`${file}:${i + 1}: §${n}`);
        }
      });
    }
    expect(dangling).toEqual([]);
  });
});
