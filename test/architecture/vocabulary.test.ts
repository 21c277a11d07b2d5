import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { COMMAND_OUTCOMES } from '../../src/core/vocabulary/command-outcome.ts';
import { CONNECTOR_STATUSES } from '../../src/core/vocabulary/connector-status.ts';
import { PAYMENT_STATES } from '../../src/core/vocabulary/payment-state.ts';
import { SESSION_STATES } from '../../src/core/vocabulary/session-states.ts';
import { STATION_STOP_REASONS, STOP_SOURCES } from '../../src/core/vocabulary/stop-reasons.ts';

const root = resolve(import.meta.dirname, '../..');
const vocabulary = (name: string) => join('src', 'core', 'vocabulary', name);
// A migration is history: it keeps the states as they were when it was written.
const MIGRATIONS = join('src', 'adapters', 'storage', 'migrations');

const VOCABULARIES = [
  { name: 'session states', file: vocabulary('session-states.ts'), words: SESSION_STATES },
  { name: 'connector statuses', file: vocabulary('connector-status.ts'), words: CONNECTOR_STATUSES },
  { name: 'payment states', file: vocabulary('payment-state.ts'), words: PAYMENT_STATES },
  { name: 'stop sources', file: vocabulary('stop-reasons.ts'), words: STOP_SOURCES },
  { name: 'station stop reasons', file: vocabulary('stop-reasons.ts'), words: STATION_STOP_REASONS },
  { name: 'command outcomes', file: vocabulary('command-outcome.ts'), words: COMMAND_OUTCOMES },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

// Array literals and union types made of two or more of the words and nothing
// else: a list of another vocabulary that shares a word or two (a connector
// status 'charging', a driver's phases with 'finished') is not one of these.
function listsOf(words: readonly string[], file: string): string[] {
  const known = new Set(words);
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const check = (node: ts.Node, strings: string[]) => {
    if (strings.length < 2 || !strings.every((s) => known.has(s))) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${file}:${line + 1} ${node.getText().replace(/\s+/g, ' ')}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isArrayLiteralExpression(node)) {
      check(node, node.elements.filter(ts.isStringLiteralLike).map((e) => e.text));
    } else if (ts.isUnionTypeNode(node)) {
      const literals = node.types.filter(ts.isLiteralTypeNode).map((t) => t.literal);
      check(node, literals.filter(ts.isStringLiteralLike).map((l) => l.text));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const scanned = ['src', 'chaos'].flatMap(sourceFiles).filter((f) => !f.startsWith(MIGRATIONS));

describe('domain vocabulary', () => {
  it('scans the sources', () => {
    expect(scanned.length).toBeGreaterThan(100);
  });

  it.each(VOCABULARIES)('declares lists of $name only in $file', ({ file, words }) => {
    expect(scanned.filter((f) => f !== file).flatMap((f) => listsOf(words, f))).toEqual([]);
  });

  it.each(VOCABULARIES)('finds the list of $name where it is declared', ({ file, words }) => {
    expect(listsOf(words, file).length).toBeGreaterThan(0);
  });
});
