import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { nb } from './nb.ts';

// The type makes a missing key a compile error; this checks what the type
// cannot: nested records have the same keys, texts are not left empty, and a
// function takes the same arguments in both languages.
function shape(value: unknown, path: string, out: Map<string, string>): void {
  if (typeof value === 'function') {
    out.set(path, `function/${value.length}`);
    // Sample output, to check it is not empty.
    const args = Array.from({ length: value.length }, (_, i) => (i % 2 === 0 ? 'X' : 1));
    shape((value as (...a: unknown[]) => unknown)(...args), `${path}()`, out);
  } else if (Array.isArray(value)) {
    out.set(path, 'array');
    value.forEach((v, i) => shape(v, `${path}[${i}]`, new Map())); // lengths may differ; contents checked below
  } else if (typeof value === 'object' && value !== null) {
    out.set(path, 'object');
    for (const [k, v] of Object.entries(value)) shape(v, `${path}.${k}`, out);
  } else {
    out.set(path, typeof value);
  }
}

function strings(value: unknown, out: Array<[string, string]> = [], path = ''): Array<[string, string]> {
  if (typeof value === 'string') out.push([path, value]);
  else if (typeof value === 'function') strings((value as (...a: unknown[]) => unknown)('X', 1, 'Y', 'Z'), out, `${path}()`);
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) strings(v, out, `${path}.${k}`);
  return out;
}

describe('driver page texts', () => {
  it('have the same keys, nesting and function arities in bokmål and English', () => {
    const a = new Map<string, string>();
    const b = new Map<string, string>();
    shape(nb, '', a);
    shape(en, '', b);
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
  });

  it('leave no text empty (but the receipt note when no receipt is due)', () => {
    for (const messages of [nb, en]) {
      const empty = strings(messages).filter(([path, text]) => text.trim() === '' && path !== '.receiptInApp.none');
      expect(empty).toEqual([]);
    }
  });

  it('are really translated', () => {
    const same = strings(nb)
      .filter(([path, text]) => strings(en).some(([p, t]) => p === path && t === text))
      .map(([path]) => path);
    // Words that are the same in both languages.
    expect(same.filter((p) => !['.statusLabel', '.payWith', '.receiptInApp.none', '.termsAcceptAfter', '.perMinute()', '.paymentMethod.WALLET'].includes(p))).toEqual([]);
  });
});
