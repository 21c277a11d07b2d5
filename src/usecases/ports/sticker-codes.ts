// QR codes for connector stickers made by the payment provider (Vipps
// merchant redirect): the code has an id of its own, so its target can be
// moved later without reprinting the sticker.
export type StickerCodeImage = { ok: true; png: Uint8Array } | { ok: false; failure: string };

export interface StickerCodes {
  // The PNG of the code `id`, made or moved first so that it leads to `target`.
  png(id: string, target: string, sizePx: number): Promise<StickerCodeImage>;
}
