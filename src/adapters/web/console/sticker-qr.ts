import QRCode from 'qrcode';
import type { StickerCodes } from '../../../usecases/ports/sticker-codes.ts';

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
  codes: StickerCodes;
  publicUrl: string;
  logger: { warn(obj: object, msg?: string): void };
}): StickerQrSource {
  const usesVipps = () => o.publicUrl.startsWith('https://');

  return {
    usesVipps,
    async forConnector(code) {
      const target = landingUrl(o.publicUrl, code);
      if (usesVipps()) {
        const image = await o.codes.png(code, target, PNG_SIZE);
        if (image.ok) return { png: Buffer.from(image.png), source: 'vipps', landingUrl: target };
        o.logger.warn({ code, failure: image.failure }, 'Vipps QR unavailable; sticker made with a local QR code');
      }
      return { png: await localQrPng(target), source: 'local', landingUrl: target };
    },
  };
}
