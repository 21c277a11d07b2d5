import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ListQuery, Page } from '../../../usecases/ocpi/ocpi-paging.ts';
import type { OurPlatform } from '../../../usecases/ocpi/our-platform.ts';
import { ocpiCallerOf } from './ocpi-auth.ts';
import { sendData } from './ocpi-envelope.ts';

// OCPI 2.2.1 message routing headers on a functional module's answer: from
// Ladepay's party, to the party that asked (its OCPI-from-* headers, else
// the first role it registered with).
export function routingHeaders(request: FastifyRequest, reply: FastifyReply, us: Pick<OurPlatform, 'countryCode' | 'partyId'>): void {
  const caller = ocpiCallerOf(request);
  if (!caller) return;
  const role = caller.holder.partner.roles[0];
  const from = (name: string) => {
    const v = request.headers[name];
    return typeof v === 'string' && /^[A-Za-z0-9]{1,3}$/.test(v) ? v : undefined;
  };
  const toCountry = from('ocpi-from-country-code') ?? role?.countryCode;
  const toParty = from('ocpi-from-party-id') ?? role?.partyId;
  reply.header('ocpi-from-country-code', us.countryCode);
  if (us.partyId) reply.header('ocpi-from-party-id', us.partyId);
  if (toCountry && toParty) reply.header('ocpi-to-country-code', toCountry).header('ocpi-to-party-id', toParty);
}

// A page of a list with OCPI 2.2.1's pagination headers: X-Total-Count (all
// that match the dates), X-Limit (the limit used, which may be lower than
// asked) and, unless this is the last page, Link to the next one with the
// same filters. The next page begins a whole page on, even when this one
// carries fewer objects than its list had there (a site no longer published
// since the list was made), so nothing is sent twice.
export function sendPage<T>(reply: FastifyReply, now: Date, url: string, q: ListQuery, page: Page<T>): FastifyReply {
  reply.header('x-total-count', String(page.total)).header('x-limit', String(page.limit));
  const nextOffset = page.offset + page.limit;
  if (nextOffset < page.total) {
    const next = new URLSearchParams({ offset: String(nextOffset), limit: String(page.limit) });
    if (q.dateFrom !== undefined) next.set('date_from', q.dateFrom);
    if (q.dateTo !== undefined) next.set('date_to', q.dateTo);
    reply.header('link', `<${url}?${next.toString()}>; rel="next"`);
  }
  return sendData(reply, now, page.items);
}
