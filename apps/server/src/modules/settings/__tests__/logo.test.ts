import { describe, expect, it } from 'vitest';
import { checkLogo } from '../company-settings.js';
import { demoLogoPng } from '../demo-logo.js';
import { encodePng, jpegInfo, pngInfo } from '../png.js';

/** SOI, an APP0 segment, and a baseline frame header of 120 × 80. */
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x50, 0x00, 0x78, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9]);

describe('logo checks', () => {
  it('reads the size of PNGs it encodes and of a JPEG frame header', () => {
    expect(pngInfo(encodePng(3, 2, new Uint8Array(24)))).toEqual({ width: 3, height: 2 });
    expect(pngInfo(demoLogoPng())).toEqual({ width: 160, height: 160 });
    expect(jpegInfo(jpeg)).toEqual({ width: 120, height: 80 });
  });

  it('names what is wrong with a damaged file', () => {
    const png = demoLogoPng();
    expect(pngInfo(png.subarray(0, png.length - 12))).toEqual({ problem: 'is truncated (no IEND chunk)' });
    expect(pngInfo(png.subarray(0, 60))).toEqual({ problem: 'is truncated (the IDAT chunk runs past the end of the file)' });
    expect(jpegInfo(jpeg.subarray(0, 8))).toEqual({ problem: 'is truncated or damaged (no frame header)' });
  });

  it('accepts a JPEG as image/jpeg and refuses base64 of an impossible length or empty data', () => {
    expect(checkLogo('image/jpeg', jpeg.toString('base64'))).toEqual({ ok: true, value: jpeg });
    expect(checkLogo('image/jpeg', 'AAAAA')).toMatchObject({ ok: false, error: { code: 'invalid_logo', message: expect.stringContaining('not valid base64') } });
    expect(checkLogo('image/png', '====')).toEqual({ ok: false, error: { code: 'invalid_logo', message: 'is empty' } });
  });
});
