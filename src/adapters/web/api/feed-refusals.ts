import type { FastifyReply } from 'fastify';
import type { ConnectorDataError } from '../../../core/feed/connector-data.ts';
import type { SiteDataError } from '../../../core/feed/site-data.ts';
import { connectorDataErrorMessage, siteDataErrorMessage } from '../feed-data-messages.ts';
import { sendError } from './api-deps.ts';

// The core's refusal of feed data as a 400, each field named where it is in
// the body ("body/coordinates/latitude: …", "body/connectors/0/maxVoltage: …").

export function refuseSiteData(reply: FastifyReply, errors: readonly SiteDataError[]): FastifyReply {
  const message = errors.map((e) => `body/${e.field.replace('.', '/')}: ${siteDataErrorMessage(e)}`).join(' ');
  return sendError(reply, 400, 'bad_request', message, errors.map((e) => ({ ...e })));
}

export function refuseConnectorData(reply: FastifyReply, errors: ReadonlyArray<ConnectorDataError & { connector?: number }>): FastifyReply {
  const path = (e: (typeof errors)[number]) => (e.connector === undefined ? `body/${e.field}` : `body/connectors/${e.connector}/${e.field}`);
  const message = errors.map((e) => `${path(e)}: ${connectorDataErrorMessage(e)}`).join(' ');
  return sendError(reply, 400, 'bad_request', message, errors.map((e) => ({ ...e })));
}
