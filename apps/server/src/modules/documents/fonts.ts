import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Noto Sans SC (Google Fonts, SIL Open Font License 1.1) from the npm package
 * @expo-google-fonts/noto-sans-sc: static TrueType files of about 30,900 characters each (Simplified
 * Chinese, Latin, Cyrillic, Vietnamese and common symbols), one file per weight. pdfkit embeds only
 * the glyphs a document uses (a subset, `/FontFile2`), so a document is tens of kilobytes.
 */
const PACKAGE = '@expo-google-fonts/noto-sans-sc';
export const FONT_FILES = {
  regular: `${PACKAGE}/400Regular/NotoSansSC_400Regular.ttf`,
  bold: `${PACKAGE}/700Bold/NotoSansSC_700Bold.ttf`,
} as const;
/** The PostScript names pdfkit writes into the PDF (after a six-letter subset tag). */
export const FONT_NAMES = { regular: 'NotoSansSC-Regular', bold: 'NotoSansSC-Bold' } as const;

export type FontWeight = keyof typeof FONT_FILES;

const require = createRequire(import.meta.url);
const cache = new Map<FontWeight, Buffer>();

/**
 * The font file's bytes, read once per process (about 10 MB per weight) and kept: each document
 * then parses them from memory instead of reading the file again.
 */
export function fontData(weight: FontWeight): Buffer {
  let data = cache.get(weight);
  if (!data) {
    data = fs.readFileSync(require.resolve(FONT_FILES[weight]));
    cache.set(weight, data);
  }
  return data;
}
