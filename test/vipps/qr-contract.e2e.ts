import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VippsClient } from '../../src/adapters/vipps/vipps-client.ts';
import { contractTargets, recordedClient, uniqueReference, type ContractTarget } from './contract-targets.ts';

// jsqr is CommonJS with `exports.default`; under NodeNext its default import is the whole module.
const jsQR = jsQRModule.default;

for (const target of contractTargets()) {
  describe(`QR merchant-redirect contract against ${target.name}`, () => {
    let running: ContractTarget;
    let client: VippsClient;
    const created: string[] = [];

    beforeAll(async () => {
      running = await target.start();
      client = recordedClient(running.config()).client;
    });
    afterAll(async () => {
      for (const id of created) await client?.qr.delete(id);
      await running?.stop();
    });

    async function sticker(label: string): Promise<string> {
      const id = uniqueReference(label);
      const result = await client.qr.create({ id, redirectUrl: `https://ladepay.example/c/${id}` });
      if (!result.ok) throw new Error(JSON.stringify(result.failure));
      created.push(id);
      return id;
    }

    it('creates a code that never expires and serves it as SVG', async () => {
      const id = uniqueReference('svg');
      const result = await client.qr.create({ id, redirectUrl: `https://ladepay.example/c/${id}` }, { format: 'svg' });
      created.push(id);
      expect(result.ok && result.value).toMatchObject({ id, redirectUrl: `https://ladepay.example/c/${id}`, expiresInSeconds: -1 });
      const image = await client.qr.fetchImage(result.ok ? result.value.url : '');
      expect(image.ok && image.value.contentType).toMatch(/^image\/svg\+xml/);
      expect(image.ok && Buffer.from(image.value.bytes).toString('utf8')).toMatch(/<svg/);
    });

    it('serves a PNG of the asked size whose content is the target URL', async () => {
      const id = await sticker('png');
      const png = await client.qr.get(id, { format: 'png', size: 300 });
      const target = await client.qr.get(id, { format: 'target-url' });
      const image = await client.qr.fetchImage(png.ok ? png.value.url : '');
      if (!image.ok || !target.ok) throw new Error('no image or target');
      expect(image.value.contentType).toBe('image/png');
      const decoded = PNG.sync.read(Buffer.from(image.value.bytes));
      expect(decoded.width).toBe(300);
      const scanned = jsQR(new Uint8ClampedArray(decoded.data), decoded.width, decoded.height);
      expect(scanned?.data).toBe(target.value.url);
    });

    it('lists, retargets without reprinting, and deletes', async () => {
      const id = await sticker('crud');
      const listed = await client.qr.list();
      expect(listed.ok && listed.value.map((code) => code.id)).toContain(id);
      const updated = await client.qr.update(id, 'https://ladepay.example/c/moved');
      expect(updated.ok && updated.value.redirectUrl).toBe('https://ladepay.example/c/moved');
      expect(await client.qr.get(id)).toMatchObject({ ok: true, value: { redirectUrl: 'https://ladepay.example/c/moved' } });
      expect(await client.qr.delete(id)).toEqual({ ok: true, value: undefined });
      expect(await client.qr.get(id)).toEqual({ ok: false, failure: { kind: 'not_found' } });
      expect(await client.qr.delete(id)).toEqual({ ok: false, failure: { kind: 'not_found' } });
    });

    it('reports an id in use as already_exists, and a plain-http target as invalid_request', async () => {
      const id = await sticker('dup');
      expect(await client.qr.create({ id, redirectUrl: 'https://ladepay.example/c/x' })).toEqual({ ok: false, failure: { kind: 'already_exists' } });
      const insecure = await client.qr.create({ id: uniqueReference('http'), redirectUrl: 'http://ladepay.example/c/x' });
      expect(insecure).toEqual({ ok: false, failure: expect.objectContaining({ kind: 'invalid_request', field: expect.stringMatching(/redirecturl/i) }) });
    });
  });
}
