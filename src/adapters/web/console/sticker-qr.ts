import QRCode from 'qrcode';
import type { MerchantRedirectQr, QrApi } from '../../vipps/qr-api.ts';
import type { VippsResult } from '../../vipps/vipps-result.ts';

export interface StickerQr {
  png: Buffer;
  source: 'vipps' | 'local';
  landingUrl: string;
}

export interface StickerQrSource {
  forConnector(code: string): Promise<StickerQr>;
  // Whether Vipps makes the codes: the QR API takes only https redirect URLs.
  usesVipps(): boolean;
}

const PNG_SIZE = 800;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function landingUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/c/${encodeURIComponent(code)}`;
}

export function localQrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: PNG_SIZE });
}

// A connector's sticker QR: a Vipps merchant-redirect code (id = connector
// code) pointing at its landing page when the public URL is https, so that
// the printed code keeps working if the landing URL ever moves (only the
// target is updated); otherwise, or when Vipps cannot be reached, a plain QR
// of the landing URL made here.
export function stickerQrSource(o: {
  qr: QrApi;
  publicUrl(): string;
  logger: { warn(obj: object, msg?: string): void };
}): StickerQrSource {
  const usesVipps = () => o.publicUrl().startsWith('https://');

  async function vippsCode(code: string, target: string): Promise<VippsResult<MerchantRedirectQr>> {
    const options = { format: 'png' as const, size: PNG_SIZE };
    const found = await o.qr.get(code, options);
    if (found.ok) return found.value.redirectUrl === target ? found : o.qr.update(code, target, options);
    if (found.failure.kind !== 'not_found') return found;
    const made = await o.qr.create({ id: code, redirectUrl: target }, options);
    // Made by another process in the meantime.
    if (!made.ok && made.failure.kind === 'already_exists') return o.qr.update(code, target, options);
    return made;
  }

  return {
    usesVipps,
    async forConnector(code) {
      const target = landingUrl(o.publicUrl(), code);
      if (usesVipps()) {
        const qr = await vippsCode(code, target);
        const image = qr.ok ? await o.qr.fetchImage(qr.value.url) : qr;
        if (image.ok && Buffer.from(image.value.bytes).subarray(0, 8).equals(PNG_SIGNATURE)) {
          return { png: Buffer.from(image.value.bytes), source: 'vipps', landingUrl: target };
        }
        o.logger.warn({ code, failure: image.ok ? 'not a PNG' : image.failure.kind }, 'Vipps QR unavailable; sticker made with a local QR code');
      }
      return { png: await localQrPng(target), source: 'local', landingUrl: target };
    },
  };
}
