import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The delivery signature, pure so receivers' docs and tests use the same code:
 * `ordercare-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * A receiver recomputes v1 over the raw body it got, compares in constant time, and refuses
 * timestamps older than its tolerance (default 5 minutes) so a captured request cannot be replayed.
 */
export const SIGNATURE_VERSION = 'v1';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The `ordercare-signature` header value. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},${SIGNATURE_VERSION}=${signatureOf(secret, timestamp, body)}`;
}

export type VerifyFailure = 'malformed' | 'timestamp_too_old' | 'signature_mismatch';

/** Checks a received header against the raw body; `now` is unix seconds. */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  now: number = Math.floor(Date.now() / 1000),
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): { ok: true; timestamp: number } | { ok: false; reason: VerifyFailure } {
  if (!header) return { ok: false, reason: 'malformed' };
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const i = item.indexOf('=');
    if (i <= 0) continue;
    const k = item.slice(0, i).trim();
    parts.set(k, [...(parts.get(k) ?? []), item.slice(i + 1).trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  const candidates = parts.get(SIGNATURE_VERSION) ?? [];
  if (!Number.isInteger(t) || candidates.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(now - t) > toleranceSeconds) return { ok: false, reason: 'timestamp_too_old' };
  const expected = Buffer.from(signatureOf(secret, t, body), 'hex');
  const match = candidates.some((c) => {
    const got = Buffer.from(c, 'hex');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
  return match ? { ok: true, timestamp: t } : { ok: false, reason: 'signature_mismatch' };
}
