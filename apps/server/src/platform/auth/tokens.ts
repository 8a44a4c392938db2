import { createHash, timingSafeEqual } from 'node:crypto';

/** Secrets are stored only as their SHA-256: a leaked table does not leak sessions or keys. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
