import type { StickerCodes } from '../../usecases/ports/sticker-codes.ts';
import type { MerchantRedirectQr, QrApi } from './qr-api.ts';
import type { VippsResult } from './vipps-result.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// Sticker codes made by Vipps: a merchant-redirect QR per connector (id = the
// connector code), so the printed code keeps working if the landing URL ever
// moves: only its target is updated (docs/vipps-contract.md §18).
export function vippsStickerCodes(qr: QrApi): StickerCodes {
  async function codeLeadingTo(id: string, target: string, size: number): Promise<VippsResult<MerchantRedirectQr>> {
    const options = { format: 'png' as const, size };
    const found = await qr.get(id, options);
    if (found.ok) return found.value.redirectUrl === target ? found : qr.update(id, target, options);
    if (found.failure.kind !== 'not_found') return found;
    const made = await qr.create({ id, redirectUrl: target }, options);
    // Made by another process in the meantime.
    if (!made.ok && made.failure.kind === 'already_exists') return qr.update(id, target, options);
    return made;
  }

  return {
    async png(id, target, sizePx) {
      const code = await codeLeadingTo(id, target, sizePx);
      const image = code.ok ? await qr.fetchImage(code.value.url) : code;
      if (!image.ok) return { ok: false, failure: image.failure.kind };
      const bytes = Buffer.from(image.value.bytes);
      return bytes.subarray(0, 8).equals(PNG_SIGNATURE) ? { ok: true, png: bytes } : { ok: false, failure: 'not a PNG' };
    },
  };
}
