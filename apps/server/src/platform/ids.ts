import { randomBytes, randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32

let lastMs = 0;
let lastRandom: Uint8Array = new Uint8Array(10);

/** Random bytes drawn from the CSPRNG 4 KiB at a time: a call per millisecond showed in profiles. */
const pool = new Uint8Array(4096);
let taken = pool.length;
function random10(): Uint8Array {
  if (taken + 10 > pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  taken += 10;
  return pool.slice(taken - 10, taken);
}

/**
 * Opaque, type-prefixed, time-sortable ids (`ord_01JD…`): 48 bits of milliseconds and 80 random
 * bits, ULID-style, monotonic within a millisecond so ids sort in creation order inside a process.
 */
export function newId(prefix: string): string {
  const ms = Date.now();
  if (ms === lastMs) {
    incrementBytes(lastRandom);
  } else {
    lastMs = ms;
    lastRandom = random10();
  }
  return `${prefix}_${encodeTime(ms)}${encodeRandom(lastRandom)}`;
}

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

/** The 80 bits as 16 base32 digits, most significant first (plain numbers: BigInt was slow). */
export function encodeRandom(bytes: Uint8Array): string {
  let out = '';
  let pending = 0; // bits not yet written, fewer than 13
  let count = 0;
  for (const b of bytes) {
    pending = (pending << 8) | b;
    count += 8;
    while (count >= 5) {
      count -= 5;
      out += ALPHABET[(pending >>> count) & 31];
    }
    pending &= (1 << count) - 1;
  }
  return out;
}

function incrementBytes(bytes: Uint8Array): void {
  for (let i = bytes.length - 1; i >= 0; i--) {
    const v = bytes[i]!;
    if (v < 255) {
      bytes[i] = v + 1;
      return;
    }
    bytes[i] = 0;
  }
}

/** A random secret token (for sessions, API keys, CSRF), url-safe. */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
