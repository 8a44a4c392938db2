import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelayMs } from '../schedule.js';
import { newWebhookSecret, signatureHeader, verifySignature } from '../signing.js';
import { isPrivateAddress, refusedHost } from '../url-guard.js';

describe('signing', () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ id: 'evt_1', type: 'order.placed', data: { total: 100 } });

  it('verifies its own signature and refuses a tampered body, another secret, or an old timestamp', () => {
    const header = signatureHeader(secret, 1_700_000_000, body);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, 1_700_000_010)).toEqual({ ok: true, timestamp: 1_700_000_000 });
    expect(verifySignature(secret, header, body.replace('100', '999'), 1_700_000_010)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifySignature(newWebhookSecret(), header, body, 1_700_000_010)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifySignature(secret, header, body, 1_700_000_000 + 301)).toEqual({ ok: false, reason: 'timestamp_too_old' });
    expect(verifySignature(secret, 'garbage', body)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature(secret, undefined, body)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('retry schedule', () => {
  it('spans at least 24 hours even with the most negative jitter, then stops', () => {
    expect(MAX_ATTEMPTS).toBe(10);
    const least = RETRY_DELAYS_MS.reduce((sum, _d, i) => sum + (retryDelayMs(i + 1, 0) ?? 0), 0);
    expect(least).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(retryDelayMs(MAX_ATTEMPTS, 0.5)).toBeNull();
    expect(retryDelayMs(1, 0)).toBe(48_000);
    expect(retryDelayMs(1, 0.999_999)).toBeLessThanOrEqual(72_000);
    for (let i = 1; i < MAX_ATTEMPTS - 1; i++) expect(RETRY_DELAYS_MS[i]!).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[i - 1]!);
  });
});

describe('url guard', () => {
  it('refuses loopback, private and link-local hosts', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1']) expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '2001:4860::8888']) expect(isPrivateAddress(a), a).toBe(false);
    expect(refusedHost('http://localhost:8080/x')).toBeDefined();
    expect(refusedHost('http://[::1]/x')).toBeDefined();
    expect(refusedHost('https://hooks.example.com/x')).toBeUndefined();
  });
});
