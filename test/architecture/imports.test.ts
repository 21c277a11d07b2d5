import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import madge from 'madge';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

// Test fixtures built from fixed values (test/support/a-thing-builder.ts).
function isFixtureBuilder(path: string): boolean {
  return /^test\/support\/[a-z0-9-]+-builder\.ts$/.test(path);
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

describe('architecture', () => {
  // madge parses every file with TypeScript: seconds on an idle machine, a
  // minute on a busy one.
  it('has no import cycles in src/ or the simulators', { timeout: 180_000 }, async () => {
    const graph = await madge(['src', 'simulators'].map((d) => join(root, d)), {
      baseDir: root,
      fileExtensions: ['ts'],
      tsConfig: join(root, 'tsconfig.json'),
      detectiveOptions: { ts: { skipTypeImports: false } },
    });
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(10);
    expect(graph.circular()).toEqual([]);
  });

  it('keeps src/core pure: it imports only src/core (tests may add vitest, fast-check and fixture builders)', () => {
    const files = sourceFiles('src/core');
    expect(files.length).toBeGreaterThan(0);
    const offending: string[] = [];
    const builders = new Set<string>();
    for (const file of files) {
      const allowed = file.endsWith('.test.ts') ? ['vitest', 'fast-check'] : [];
      for (const spec of importsOf(file)) {
        if (allowed.includes(spec)) continue;
        const target = spec.startsWith('.') ? relative(root, resolve(root, file, '..', spec)) : spec;
        if (file.endsWith('.test.ts') && isFixtureBuilder(target)) builders.add(target);
        else if (!target.startsWith('src/core/')) offending.push(`${file} imports ${spec}`);
      }
    }
    // A builder the core's tests use is held to the core's rule itself.
    for (const file of builders) {
      for (const spec of importsOf(file)) {
        const target = spec.startsWith('.') ? relative(root, resolve(root, file, '..', spec)) : spec;
        if (!target.startsWith('src/core/')) offending.push(`${file} imports ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('keeps the simulators stand-alone: they import nothing from src/', () => {
    const offending: string[] = [];
    for (const file of sourceFiles('simulators')) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.') && relative(root, resolve(root, file, '..', spec)).startsWith('src/')) {
          offending.push(`${file} imports ${spec}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  // The console, the API and the driver's pages go through the use cases and
  // their ports, never around them to a store or the Vipps client.
  it('keeps src/adapters/web off storage and Vipps: it reaches them through src/usecases', () => {
    const files = sourceFiles('src/adapters/web');
    expect(files.length).toBeGreaterThan(0);
    const offending: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(root, resolve(root, file, '..', spec));
        if (target.startsWith('src/adapters/storage/') || target.startsWith('src/adapters/vipps/')) offending.push(`${file} imports ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('reads the environment only in main.ts', () => {
    const offending = sourceFiles('src')
      .filter((f) => !f.endsWith('.test.ts') && f !== join('src', 'main.ts'))
      .filter((f) => /process\.env/.test(readFileSync(join(root, f), 'utf8')));
    expect(offending).toEqual([]);
  });
});
