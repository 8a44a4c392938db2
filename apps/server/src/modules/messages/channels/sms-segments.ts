/**
 * SMS length arithmetic (GSM 03.38 / 3GPP TS 23.038). A text made only of the GSM-7 basic set and
 * its extension table goes as GSM-7 (extension characters take two septets: escape + char):
 * 160 septets in one message, 153 per part once concatenated. Anything else (Chinese, emoji) forces
 * UCS-2 for the whole text: 70 UTF-16 units in one message, 67 per part; a character outside the
 * BMP is a surrogate pair and counts 2. Parts never split an escape sequence or a surrogate pair,
 * so a long text can need one part more than `characters / perSegment` suggests.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text occupies. */
  characters: number;
  segments: number;
  /** Capacity of one segment for this text: 160/153 (GSM-7) or 70/67 (UCS-2). */
  perSegment: number;
}

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export const GSM7_SINGLE = 160;
export const GSM7_MULTI = 153;
export const UCS2_SINGLE = 70;
export const UCS2_MULTI = 67;

/** Septets per character in GSM-7, or null when some character is outside the GSM-7 alphabet. */
function gsm7Widths(text: string): number[] | null {
  const widths: number[] = [];
  for (const ch of text) {
    if (BASIC.has(ch)) widths.push(1);
    else if (EXTENSION.has(ch)) widths.push(2);
    else return null;
  }
  return widths;
}

export function smsSegments(text: string): SmsLength {
  const gsm = gsm7Widths(text);
  if (gsm) return count('GSM-7', gsm, GSM7_SINGLE, GSM7_MULTI);
  // Iterating a string yields code points: one outside the BMP is two UTF-16 units.
  return count('UCS-2', Array.from(text, (ch) => ch.length), UCS2_SINGLE, UCS2_MULTI);
}

function count(encoding: SmsEncoding, widths: number[], single: number, multi: number): SmsLength {
  const characters = widths.reduce((a, b) => a + b, 0);
  if (characters <= single) return { encoding, characters, segments: characters === 0 ? 0 : 1, perSegment: single };
  let segments = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > multi) {
      segments += 1;
      used = 0;
    }
    used += w;
  }
  return { encoding, characters, segments, perSegment: multi };
}
