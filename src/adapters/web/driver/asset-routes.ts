import type { FastifyInstance } from 'fastify';
import { ASSET_PREFIX, type DriverAsset } from './driver-assets.ts';
import { etagOf, matchesEtag } from './page-reply.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function registerAssetRoutes(app: FastifyInstance, assets: DriverAsset[]): void {
  const etags = new Map(assets.map((a) => [a.file, etagOf(a.body)]));
  app.get<{ Params: { file: string } }>(`${ASSET_PREFIX}:file`, async (request, reply) => {
    const { file } = request.params;
    const exact = assets.find((a) => a.file === file);
    // A page cached from before a deploy asks for an old hash: give it today's
    // file, but not for keeps.
    const asset = exact ?? assets.find((a) => new RegExp(`^${a.name.replace('.', '\\.[0-9a-f]{10}\\.')}$`).test(file));
    if (asset === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const etag = etags.get(asset.file) ?? etagOf(asset.body);
    reply.type(asset.contentType).header('etag', etag).header('cache-control', exact ? IMMUTABLE : 'no-cache');
    if (matchesEtag(request, etag)) return reply.code(304).send();
    return reply.send(asset.body);
  });
}
