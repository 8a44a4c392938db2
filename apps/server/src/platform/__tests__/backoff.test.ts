import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffMs } from '../outbox/index.js';

const HOUR = 3_600_000;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('backoffMs', () => {
  it('doubles from 2 s with each attempt (no jitter at the midpoint)', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([2000, 4000, 8000, 16_000, 32_000]);
  });

  it('grows with the attempt even with the worst jitter', () => {
    for (let attempt = 1; attempt < 11; attempt++) {
      vi.spyOn(Math, 'random').mockReturnValue(0.999999);
      const slowest = backoffMs(attempt);
      vi.spyOn(Math, 'random').mockReturnValue(0);
      const nextFastest = backoffMs(attempt + 1);
      expect(nextFastest).toBeGreaterThan(slowest * 1.3);
    }
  });

  it('caps at about one hour, ±20%, however many attempts', () => {
    for (const attempt of [12, 13, 20, 100, 1024, 5000]) {
      vi.spyOn(Math, 'random').mockReturnValue(0.5);
      expect(backoffMs(attempt)).toBe(HOUR);
      vi.spyOn(Math, 'random').mockReturnValue(0);
      expect(backoffMs(attempt)).toBe(HOUR * 0.8);
      vi.spyOn(Math, 'random').mockReturnValue(0.999999);
      expect(backoffMs(attempt)).toBeLessThanOrEqual(HOUR * 1.2);
    }
  });

  it('jitters within ±20% of the base, as whole milliseconds', () => {
    vi.restoreAllMocks();
    for (let i = 0; i < 2000; i++) {
      const attempt = 1 + (i % 15);
      const base = Math.min(2000 * 2 ** (attempt - 1), HOUR);
      const delay = backoffMs(attempt);
      expect(Number.isInteger(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(base * 0.8);
      expect(delay).toBeLessThanOrEqual(base * 1.2);
    }
  });

  it('treats attempt 0 or less like the first attempt', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect(backoffMs(0)).toBe(2000);
    expect(backoffMs(-3)).toBe(2000);
  });
});
