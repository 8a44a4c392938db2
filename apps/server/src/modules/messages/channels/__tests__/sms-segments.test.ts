import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsSegments } from '../sms-segments.js';

const gsmChars = [...'@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCXYZÄÖÑÜ§¿abcxyzäöñüà'];
const extChars = [...'^{}\\[~]|€'];
const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c));
const gsmText = fc.array(fc.constantFrom(...gsmChars, ...extChars), { maxLength: 700 }).map((a) => a.join(''));
const anyText = fc.string({ unit: 'grapheme', maxLength: 400 });

describe('smsSegments', () => {
  it('counts GSM-7 texts in septets: 160 in one part, 153 per part after', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', characters: 0, segments: 0, perSegment: 160 });
    expect(smsSegments('Hello')).toEqual({ encoding: 'GSM-7', characters: 5, segments: 1, perSegment: 160 });
    expect(smsSegments('a'.repeat(160))).toMatchObject({ segments: 1, perSegment: 160 });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(smsSegments('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(smsSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts extension characters (€, braces, brackets) as two septets', () => {
    expect(smsSegments('€10 [x]')).toEqual({ encoding: 'GSM-7', characters: 10, segments: 1, perSegment: 160 });
    expect(smsSegments('€'.repeat(80))).toMatchObject({ characters: 160, segments: 1 });
    expect(smsSegments('€'.repeat(81))).toMatchObject({ characters: 162, segments: 2 });
    // an escape sequence is never split: 152 septets + '€' does not fit in 153
    expect(smsSegments('a'.repeat(152) + '€' + 'a'.repeat(100))).toMatchObject({ characters: 254, segments: 2 });
    expect(smsSegments('a'.repeat(152) + '€' + 'a'.repeat(152))).toMatchObject({ characters: 306, segments: 3 });
  });

  it('switches Chinese texts to UCS-2: 70 in one part, 67 per part after', () => {
    expect(smsSegments('您的订单已发货')).toEqual({ encoding: 'UCS-2', characters: 7, segments: 1, perSegment: 70 });
    expect(smsSegments('单'.repeat(70))).toMatchObject({ segments: 1, perSegment: 70 });
    expect(smsSegments('单'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(smsSegments('单'.repeat(135))).toMatchObject({ segments: 3 });
    // a mostly Latin text with one Chinese character is UCS-2 as a whole
    expect(smsSegments('Order SO-000123 shipped 已发货')).toMatchObject({ encoding: 'UCS-2', characters: 27 });
    // characters outside GSM-7 that are not Chinese too (curly quotes, ç lower-case is not in the basic set)
    expect(smsSegments('“quoted”').encoding).toBe('UCS-2');
  });

  it('counts a character outside the BMP as two UCS-2 units and never splits the pair', () => {
    expect(smsSegments('😀')).toEqual({ encoding: 'UCS-2', characters: 2, segments: 1, perSegment: 70 });
    expect(smsSegments('😀'.repeat(35))).toMatchObject({ characters: 70, segments: 1 });
    expect(smsSegments('a' + '😀'.repeat(35))).toMatchObject({ characters: 71, segments: 2 });
    expect(smsSegments('a'.repeat(66) + '😀' + 'a'.repeat(10))).toMatchObject({ characters: 78, segments: 2 });
  });

  it('property: any CJK character forces UCS-2', () => {
    fc.assert(
      fc.property(gsmText, cjk, fc.nat(), (text, ch, at) => {
        const i = at % (text.length + 1);
        expect(smsSegments(text.slice(0, i) + ch + text.slice(i)).encoding).toBe('UCS-2');
      }),
    );
  });

  it('property: texts from the GSM-7 alphabet stay GSM-7 with characters ≥ their length', () => {
    fc.assert(
      fc.property(gsmText, (text) => {
        const r = smsSegments(text);
        expect(r.encoding).toBe('GSM-7');
        expect(r.characters).toBeGreaterThanOrEqual([...text].length);
        expect(r.characters).toBeLessThanOrEqual(2 * [...text].length);
      }),
    );
  });

  it('appending a character outside GSM-7 re-counts the text in UTF-16 units', () => {
    expect(smsSegments('|~')).toMatchObject({ encoding: 'GSM-7', characters: 4, segments: 1 });
    expect(smsSegments('|~¨')).toMatchObject({ encoding: 'UCS-2', characters: 3, segments: 1 });
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsSegments(`${'€'.repeat(80)}¨`)).toMatchObject({ encoding: 'UCS-2', characters: 81, segments: 2 });
  });

  it('property: appending text never lowers the number of segments', () => {
    fc.assert(
      fc.property(fc.oneof(gsmText, anyText), fc.oneof(gsmText, anyText), (a, b) => {
        const before = smsSegments(a);
        const after = smsSegments(a + b);
        // Segments never drop, even when the appended text switches to UCS-2 (a GSM-7 part holds at
        // least 76 characters, a UCS-2 part 67). Characters are septets in one encoding and UTF-16
        // units in the other, so they compare only within one ("|~" is 4 septets, "|~¨" 3 units).
        expect(after.segments).toBeGreaterThanOrEqual(before.segments);
        if (before.encoding === after.encoding) expect(after.characters).toBeGreaterThanOrEqual(before.characters);
      }),
    );
  });

  it('property: the segments hold the characters and are not more than needed plus splitting losses', () => {
    fc.assert(
      fc.property(fc.oneof(gsmText, anyText), (text) => {
        const r = smsSegments(text);
        expect(r.segments * r.perSegment).toBeGreaterThanOrEqual(r.characters);
        if (r.characters > 0) expect(r.segments).toBeLessThanOrEqual(Math.ceil(r.characters / (r.perSegment - 1)));
      }),
    );
  });
});
