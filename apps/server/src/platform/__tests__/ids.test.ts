import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeRandom, newId, newToken } from '../ids.js';

const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]+$/;

afterEach(() => {
  vi.restoreAllMocks();
});

/** The 48-bit millisecond time in the first 10 characters of the body. */
function timeOf(id: string): number {
  const body = id.slice(id.indexOf('_') + 1, id.indexOf('_') + 11);
  return [...body].reduce((t, ch) => t * 32 + '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(ch), 0);
}

describe('newId', () => {
  it('is the prefix, an underscore and 26 Crockford base32 characters', () => {
    const id = newId('ord');
    expect(id).toMatch(/^ord_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(newId('cus').startsWith('cus_')).toBe(true);
    expect(id.slice(4)).toMatch(CROCKFORD);
  });

  it('encodes the current time in its first 10 characters', () => {
    const before = Date.now();
    const id = newId('x');
    const after = Date.now();
    expect(timeOf(id)).toBeGreaterThanOrEqual(before);
    expect(timeOf(id)).toBeLessThanOrEqual(after);
  });

  it('is strictly increasing and unique across 10,000 ids made in a tight loop', () => {
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) ids.push(newId('evt'));
    for (let i = 1; i < ids.length; i++) {
      if (!(ids[i - 1]! < ids[i]!)) expect.fail(`id ${i} (${ids[i]}) does not sort after ${ids[i - 1]}`);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stays increasing within one millisecond, when the random part alone must grow', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_750_000_000_000);
    const ids = Array.from({ length: 1000 }, () => newId('evt'));
    expect(new Set(ids.map((id) => id.slice(4, 14))).size).toBe(1);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws fresh random bits in every new millisecond, also across refills of its random pool', () => {
    let ms = 1_750_000_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (ms += 1));
    const randomParts = Array.from({ length: 1000 }, () => newId('evt').slice(14)); // the pool holds 409 draws
    expect(new Set(randomParts).size).toBe(randomParts.length);
    expect(randomParts.every((r) => /^[0-9A-HJKMNP-TV-Z]{16}$/.test(r))).toBe(true);
  });

  it('sorts ids of a later millisecond after those of an earlier one', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_750_000_000_000);
    const early = newId('evt');
    now.mockReturnValue(1_750_000_000_001);
    const late = newId('evt');
    expect(early < late).toBe(true);
  });
});

describe('newToken', () => {
  it('is url-safe base64 of the requested number of random bytes', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newToken(12)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(newToken()).not.toBe(token);
  });
});

describe('encodeRandom', () => {
  /** The 80 bits read as one big-endian number, written in base32 digits: the definition. */
  const reference = (bytes: Uint8Array) => {
    let n = 0n;
    for (const b of bytes) n = (n << 8n) | BigInt(b);
    return n.toString(32).padStart(16, '0').toUpperCase().replace(/[I-V]/g, (c) => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[parseInt(c, 32)]!);
  };

  it('writes 80 bits as 16 base32 digits, most significant first', () => {
    expect(encodeRandom(new Uint8Array(10))).toBe('0000000000000000');
    expect(encodeRandom(new Uint8Array(10).fill(255))).toBe('ZZZZZZZZZZZZZZZZ');
    expect(encodeRandom(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 33]))).toBe('0000000000000011');
    fc.assert(fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => encodeRandom(bytes) === reference(bytes)));
  });
});
