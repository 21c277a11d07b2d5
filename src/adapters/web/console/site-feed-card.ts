import type { Completeness } from '../../../core/feed/feed-completeness.ts';
import type { SiteFeed } from '../../../usecases/operator/feed-data.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Messages } from './i18n/messages.ts';

// Whether a site is shared in the charger feeds, and if not what is missing
// ("Not shared: missing coordinates, postal code; connector K7T2: max
// voltage"), with the operator's party and the site's EVSE ids.

export function completenessText(c: Completeness, t: Messages): string {
  const m = t.feeds;
  if (c.complete) return m.complete;
  const parts: string[] = [];
  const general = c.missing.flatMap((x) => (x.scope === 'connector' ? [] : [m.missing[x.field]]));
  if (general.length > 0) parts.push(general.join(', '));
  const byConnector = new Map<string, string[]>();
  for (const x of c.missing) if (x.scope === 'connector') byConnector.set(x.code, [...(byConnector.get(x.code) ?? []), m.missing[x.field]]);
  for (const [code, fields] of byConnector) parts.push(m.connectorMissing(code, fields.join(', ')));
  return m.notShared(parts.join('; '));
}

export function completenessBadge(c: Completeness, t: Messages): SafeHtml {
  return html`<span class="badge ${c.complete ? 'ok' : 'warn'}">${c.complete ? t.feeds.complete : t.feeds.notSharedShort}</span>`;
}

export function siteFeedCard(feed: SiteFeed, t: Messages): SafeHtml {
  const m = t.feeds;
  const { operator, completeness } = feed;
  return html`<section class="card" aria-labelledby="feeds-title"><h2 id="feeds-title">${m.title}</h2>
<p id="feed-status" class="${completeness.complete ? 'notice' : 'problem'}">${completenessText(completeness, t)}</p>
<dl class="facts">
<dt>${m.partyId}</dt><dd class="mono">${operator.partyId ? `${operator.countryCode}*${operator.partyId}` : m.noPartyId}</dd>
<dt>${m.helpLine}</dt><dd>${operator.helpLine ?? m.noHelpLine}</dd>
</dl>
${feed.connectors.length > 0 &&
html`<h3>${m.evses}</h3><table><thead><tr><th scope="col">${t.stations.code}</th><th scope="col">${t.common.station}</th><th scope="col">${m.evseId}</th></tr></thead><tbody>
${feed.connectors.map(
  (c) => html`<tr><td class="mono">${c.code}</td><td><a href="/console/stations/${encodeURIComponent(c.stationId)}">${c.stationId}</a> #${c.connectorNo}</td><td class="mono">${c.evseId ?? html`<span class="muted">${m.evseIdLater}</span>`}</td></tr>`,
)}</tbody></table>`}</section>`;
}
