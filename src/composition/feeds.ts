import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { FeedSourceStore } from '../adapters/storage/feed-source-store.ts';
import type { Database } from '../adapters/storage/schema.ts';
import { helpLineOf } from '../core/feed/feed-operator.ts';
import { publishedSites, type PublishedSites } from '../usecases/feeds/published-sites.ts';

// What Ladepay publishes (docs/feed-mapping.md): the view every feed reads,
// with the operator as the configuration names it.
export function buildPublishedSites(config: Config, db: Kysely<Database>, publicUrl: string, now: () => Date): PublishedSites {
  const { operator } = config;
  return publishedSites({
    source: new FeedSourceStore(db, now),
    operator: {
      name: operator.name,
      orgNumber: operator.orgNumber,
      countryCode: operator.party.countryCode,
      partyId: operator.party.partyId,
      helpLine: helpLineOf(operator.support?.phone),
      email: operator.support?.email,
      website: operator.support?.url,
      termsUrl: operator.termsUrl ?? `${publicUrl}/terms`,
      publicUrl,
    },
  });
}
