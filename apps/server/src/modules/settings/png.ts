import { deflateSync } from 'node:zlib';

/** PNG and JPEG structure checks for uploaded logos, and a tiny PNG encoder for the demo logo. */

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SOI = Buffer.from([0xff, 0xd8, 0xff]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** What the first bytes say the data is. */
export function sniffImage(data: Buffer): 'image/png' | 'image/jpeg' | undefined {
  if (data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (data.subarray(0, 3).equals(JPEG_SOI)) return 'image/jpeg';
  return undefined;
}

export interface ImageInfo {
  width: number;
  height: number;
}

/**
 * Walks the chunks of a PNG: IHDR first with a sane size, every chunk inside the data with a
 * correct CRC, and IEND at the end. Returns a reason when the file is damaged.
 */
export function pngInfo(data: Buffer): ImageInfo | { problem: string } {
  if (!data.subarray(0, 8).equals(PNG_SIGNATURE)) return { problem: 'does not start with the PNG signature' };
  let offset = 8;
  let info: ImageInfo | undefined;
  while (offset + 12 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > data.length) return { problem: `is truncated (the ${type} chunk runs past the end of the file)` };
    if (crc32(data.subarray(offset + 4, offset + 8 + length)) !== data.readUInt32BE(offset + 8 + length)) return { problem: `is damaged (the ${type} chunk fails its checksum)` };
    if (!info) {
      if (type !== 'IHDR' || length !== 13) return { problem: 'is damaged (IHDR must be the first chunk)' };
      info = { width: data.readUInt32BE(offset + 8), height: data.readUInt32BE(offset + 12) };
    }
    if (type === 'IEND') return info.width > 0 && info.height > 0 ? info : { problem: 'has no pixels (width or height is 0)' };
    offset = end;
  }
  return { problem: 'is truncated (no IEND chunk)' };
}

/** Finds the frame header (SOFn) of a JPEG for its size. Returns a reason when there is none. */
export function jpegInfo(data: Buffer): ImageInfo | { problem: string } {
  if (!data.subarray(0, 3).equals(JPEG_SOI)) return { problem: 'does not start with the JPEG marker FF D8' };
  let offset = 2;
  while (offset + 4 <= data.length) {
    if (data[offset] !== 0xff) return { problem: 'is damaged (a segment does not start with FF)' };
    const marker = data[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = data.readUInt16BE(offset + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (offset + 9 > data.length) break;
      const info = { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
      return info.width > 0 && info.height > 0 ? info : { problem: 'has no pixels (width or height is 0)' };
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or scan data before any frame header
    offset += 2 + length;
  }
  return { problem: 'is truncated or damaged (no frame header)' };
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** Encodes 8-bit RGBA pixels (row by row, 4 bytes each) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng: expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
