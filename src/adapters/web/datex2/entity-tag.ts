import { createHash } from 'node:crypto';

// An answer's entity tag is its content's, without the times that say when it
// was made (publicationTime, messageGenerationTimestamp): the same data a
// minute later is the same data, and a reader holding it gets 304.
const MADE_AT = new Set(['publicationTime', 'messageGenerationTimestamp']);

export function entityTag(document: unknown): string {
  const content = JSON.stringify(document, (key, value: unknown) => (MADE_AT.has(key) ? undefined : value));
  return `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;
}

/** RFC 9110 §13.1.2: If-None-Match compares weakly; "*" matches any current representation. */
export function noneMatch(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === tag);
}
