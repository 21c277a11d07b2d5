// What differs between two versions of an OCPI object, field by field at its
// top level: the fields added or changed (with their new values) and the
// fields the newer one no longer has. Values compare by their content, in
// whatever order their keys were written.

export interface FieldChanges {
  changed: Record<string, unknown>;
  removed: string[];
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

export function sameContent(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

export function fieldChanges(before: object, after: object, skip: readonly string[]): FieldChanges {
  const old = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(now)) {
    if (!skip.includes(k) && v !== undefined && !sameContent(old[k], v)) changed[k] = v;
  }
  const removed = Object.keys(old).filter((k) => !skip.includes(k) && old[k] !== undefined && now[k] === undefined);
  return { changed, removed };
}
