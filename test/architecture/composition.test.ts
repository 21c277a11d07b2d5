import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The composition root stays a list of named builders, each small enough to
// read at once, and Ladepay in production loads no simulator: the demo's
// Vipps and stations come in only when the demo command asks for them.

const root = resolve(import.meta.dirname, '../..');
const MAX_FUNCTION_LINES = 60;

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

function srcFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

function longFunctions(file: string): string[] {
  const source = parse(file);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > MAX_FUNCTION_LINES) found.push(`${file}:${first + 1} has a function of ${lines} lines`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// Imports that load a module when this one loads: not `import type`, not a
// dynamic import().
function valueImports(file: string): string[] {
  const loads = (s: ts.ImportDeclaration): boolean => {
    const clause = s.importClause;
    if (!clause) return true; // import './x.ts' for its effects
    if (clause.isTypeOnly) return false;
    const named = clause.namedBindings;
    if (clause.name || !named || ts.isNamespaceImport(named)) return true;
    return named.elements.some((e) => !e.isTypeOnly);
  };
  return parse(file)
    .statements.filter((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s) && loads(s))
    .map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
}

describe('the composition root', () => {
  it(`is made of functions of at most ${MAX_FUNCTION_LINES} lines`, () => {
    const files = [join('src', 'start-ladepay.ts'), ...srcFiles(join('src', 'composition'))];
    expect(files.length).toBeGreaterThan(5);
    expect(files.flatMap(longFunctions)).toEqual([]);
  });

  it('finds a function that is too long (the check itself)', () => {
    // The session logic's decider is long by design: the check must see it.
    expect(longFunctions(join('src', 'core', 'session', 'decide.ts')).length).toBeGreaterThan(0);
  });

  it('loads the simulators only when the demo asks for them', () => {
    const target = (file: string, spec: string) => relative(root, resolve(root, file, '..', spec));
    // Whether loading the module loads a simulator, through any chain of imports.
    const memo = new Map<string, boolean>();
    const loadsSimulators = (file: string): boolean => {
      if (file.startsWith('simulators/')) return true;
      if (!file.startsWith('src/') || memo.has(file)) return memo.get(file) ?? false;
      memo.set(file, false);
      const result = valueImports(file).some((spec) => spec.startsWith('.') && loadsSimulators(target(file, spec)));
      memo.set(file, result);
      return result;
    };
    const offending: string[] = [];
    for (const file of srcFiles('src').filter((f) => !f.startsWith(join('src', 'demo')))) {
      for (const spec of valueImports(file)) {
        if (spec.startsWith('.') && loadsSimulators(target(file, spec))) offending.push(`${file} imports ${spec}`);
      }
    }
    expect(loadsSimulators(join('src', 'demo', 'start-demo.ts'))).toBe(true); // the check sees a chain
    expect(offending).toEqual([]);
  });
});
