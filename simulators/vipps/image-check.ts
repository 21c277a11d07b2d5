/** What Order Management needs to know about an uploaded image (docs/vipps-contract.md §19: PNG or JPEG, ≤ 2 MB, ≥ 167 px high). */
export interface ImageInfo {
  type: 'image/png' | 'image/jpeg';
  height: number | null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function jpegHeight(data: Buffer): number | null {
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return null;
    const marker = data[offset + 1] ?? 0;
    const length = data.readUInt16BE(offset + 2);
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return data.readUInt16BE(offset + 5);
    offset += 2 + length;
  }
  return null;
}

export function inspectImage(data: Buffer): ImageInfo | null {
  if (data.length >= 24 && data.subarray(0, 8).equals(PNG_SIGNATURE)) return { type: 'image/png', height: data.readUInt32BE(20) };
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) return { type: 'image/jpeg', height: jpegHeight(data) };
  return null;
}
