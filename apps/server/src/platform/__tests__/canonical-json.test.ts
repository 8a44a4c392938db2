import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../http/idempotency.js';

/** A deterministic PRNG, so a shuffle is reproducible from fast-check's seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deep copy with every object's keys in a random order (arrays keep theirs). */
function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    // fromEntries defines own properties, so a "__proto__" key stays a key.
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
  }
  return value;
}

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(canonicalJson({ outer: { z: [{ y: 1, x: 2 }], a: null } })).toBe(canonicalJson({ outer: { a: null, z: [{ x: 2, y: 1 }] } }));
  });

  it('keeps array order significant', () => {
    expect(canonicalJson([1, 2])).toBe('[1,2]');
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ lines: [{ sku: 'A' }, { sku: 'B' }] })).not.toBe(canonicalJson({ lines: [{ sku: 'B' }, { sku: 'A' }] }));
  });

  it('drops undefined properties like JSON does, and keeps null', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: 1, b: null })).toBe('{"a":1,"b":null}');
    expect(canonicalJson({ a: 1, b: null })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson([undefined])).toBe('[null]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('tells apart values JSON tells apart', () => {
    expect(canonicalJson('1')).not.toBe(canonicalJson(1));
    expect(canonicalJson({ a: '"},"b":1' })).not.toBe(canonicalJson({ a: '', b: 1 }));
    expect(canonicalJson({ 'a"': 1 })).toBe('{"a\\"":1}');
    expect(canonicalJson(true)).toBe('true');
  });

  it('property: a JSON round trip and any key shuffle give the same canonical text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (x, seed) => {
        const roundTripped = JSON.parse(JSON.stringify(x) ?? 'null') as unknown;
        expect(canonicalJson(roundTripped)).toBe(canonicalJson(shuffleKeys(x, mulberry32(seed))));
      }),
      { numRuns: 500 },
    );
  });

  it('property: the canonical text is valid JSON for the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        expect(JSON.parse(canonicalJson(x))).toEqual(JSON.parse(JSON.stringify(x) ?? 'null'));
      }),
      { numRuns: 500 },
    );
  });
});
