import { createHash } from 'node:crypto';

// An answer's entity tag is its content's, without the times that say when it
// was made (publicationTime, messageGenerationTimestamp): the same data a
// minute later is the same data, and a reader holding it gets 304. Taken from
// the JSON text as it is sent (a full table of 10,000 points is some 30 MB:
// serialised once), with those members cut out; a quote inside a JSON string
// is escaped, so only a member itself matches.
const MADE_AT = /"(?:publicationTime|messageGenerationTimestamp)":"[^"]*"/g;

export function entityTag(json: string): string {
  return `"${createHash('sha256').update(json.replace(MADE_AT, '')).digest('base64url').slice(0, 27)}"`;
}

/** RFC 9110 §13.1.2: If-None-Match compares weakly; "*" matches any current representation. */
export function noneMatch(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === tag);
}
