import { describe, expect, it } from 'vitest';
import { newSessionIds } from './session-ids.ts';

describe('session ids', () => {
  it('gives each session a random 20-character id tag that has nothing of its id or reference', () => {
    const many = Array.from({ length: 500 }, () => newSessionIds());
    for (const ids of many) {
      expect(ids.idTag).toMatch(/^[A-Z2-7]{20}$/);
      expect(ids.idTag.toLowerCase()).not.toContain(ids.id);
      expect(ids.reference.toLowerCase()).not.toContain(ids.idTag.toLowerCase());
    }
    expect(new Set(many.map((i) => i.idTag)).size).toBe(many.length);
  });
});
