import { describe, expect, it } from 'vitest';
import { entityTag, noneMatch } from './entity-tag.ts';

const publication = (made: string, status: string, note = '') =>
  JSON.stringify({
    payload: { publicationTime: made, note, points: [{ status, dynamicInformation: { exchangeStatus: 'online', messageGenerationTimestamp: made } }] },
  });

describe('entityTag', () => {
  it('is the same for the same data made at another time', () => {
    expect(entityTag(publication('2026-03-02T08:00:00.000+00:00', 'available'))).toBe(entityTag(publication('2026-03-02T08:01:00.000+00:00', 'available')));
  });

  it('changes with the data', () => {
    expect(entityTag(publication('2026-03-02T08:00:00.000+00:00', 'available'))).not.toBe(entityTag(publication('2026-03-02T08:00:00.000+00:00', 'charging')));
  });

  it('reads a member named so inside a text as text, not as a time to leave out', () => {
    const made = '2026-03-02T08:00:00.000+00:00';
    expect(entityTag(publication(made, 'available', '"publicationTime":"a"'))).not.toBe(entityTag(publication(made, 'available', '"publicationTime":"b"')));
  });

  it('is a strong, quoted tag that If-None-Match finds, weakly compared', () => {
    const tag = entityTag(publication('2026-03-02T08:00:00.000+00:00', 'available'));
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(noneMatch(`W/${tag}, "other"`, tag)).toBe(true);
    expect(noneMatch('"other"', tag)).toBe(false);
  });
});
