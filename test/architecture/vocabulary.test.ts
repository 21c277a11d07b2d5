import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SESSION_STATES } from '../../src/core/vocabulary/session-states.ts';

const root = resolve(import.meta.dirname, '../..');
const VOCABULARY = join('src', 'core', 'vocabulary', 'session-states.ts');
// A migration is history: it keeps the states as they were when it was written.
const MIGRATIONS = join('src', 'adapters', 'storage', 'migrations');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

// Array literals whose strings are two or more session states, and nothing
// else: a list of another vocabulary that shares a word or two (a connector
// status 'charging', a driver's phase list with 'finished') is not one.
function stateLists(file: string): string[] {
  const states = new Set<string>(SESSION_STATES);
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isArrayLiteralExpression(node)) {
      const strings = node.elements.filter(ts.isStringLiteralLike).map((e) => e.text);
      if (strings.length >= 2 && strings.every((s) => states.has(s))) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${file}:${line + 1} ${node.getText().replace(/\s+/g, ' ')}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('domain vocabulary', () => {
  it(`declares lists of session states only in ${VOCABULARY}`, () => {
    const files = ['src', 'chaos'].flatMap(sourceFiles).filter((f) => f !== VOCABULARY && !f.startsWith(MIGRATIONS));
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap(stateLists)).toEqual([]);
  });

  it('finds a list of session states where one is declared', () => {
    expect(stateLists(VOCABULARY).length).toBeGreaterThan(3);
  });
});
