import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../auth/rate-limit.js';

function limiter(limit = 3, windowMs = 1000) {
  const clock = { t: 1_000_000 };
  return { clock, limiter: new FailureLimiter(limit, windowMs, () => clock.t) };
}

describe('FailureLimiter', () => {
  it('blocks a key once it reaches the limit, not before', () => {
    const { limiter: l } = limiter(3);
    expect(l.isBlocked('k')).toBe(false);
    l.recordFailure('k');
    l.recordFailure('k');
    expect(l.isBlocked('k')).toBe(false);
    l.recordFailure('k');
    expect(l.isBlocked('k')).toBe(true);
  });

  it('counts each key on its own', () => {
    const { limiter: l } = limiter(2);
    l.recordFailure('a');
    l.recordFailure('a');
    l.recordFailure('b');
    expect(l.isBlocked('a')).toBe(true);
    expect(l.isBlocked('b')).toBe(false);
    expect(l.isBlocked('c')).toBe(false);
  });

  it('unblocks when the window that began at the first failure has passed', () => {
    const { clock, limiter: l } = limiter(2, 1000);
    l.recordFailure('k');
    clock.t += 600;
    l.recordFailure('k');
    expect(l.isBlocked('k')).toBe(true);
    clock.t += 399; // 999 ms after the first failure
    expect(l.isBlocked('k')).toBe(true);
    clock.t += 1; // exactly one window after the first failure
    expect(l.isBlocked('k')).toBe(false);
  });

  it('starts a fresh count after the window expires', () => {
    const { clock, limiter: l } = limiter(2, 1000);
    l.recordFailure('k');
    clock.t += 1000;
    l.recordFailure('k'); // first failure of a new window
    expect(l.isBlocked('k')).toBe(false);
    clock.t += 999;
    l.recordFailure('k');
    expect(l.isBlocked('k')).toBe(true);
  });

  it('is a fixed window: failures late in a window do not extend it', () => {
    const { clock, limiter: l } = limiter(3, 1000);
    l.recordFailure('k');
    clock.t += 900;
    l.recordFailure('k');
    l.recordFailure('k');
    expect(l.isBlocked('k')).toBe(true);
    clock.t += 100;
    expect(l.isBlocked('k')).toBe(false);
  });

  it('forgets a key on reset', () => {
    const { limiter: l } = limiter(2);
    l.recordFailure('k');
    l.recordFailure('k');
    expect(l.isBlocked('k')).toBe(true);
    l.reset('k');
    expect(l.isBlocked('k')).toBe(false);
    l.recordFailure('k');
    expect(l.isBlocked('k')).toBe(false);
  });

  it('keeps counting correctly after sweeping more than 100,000 keys', () => {
    const { clock, limiter: l } = limiter(2, 1000);
    l.recordFailure('victim');
    l.recordFailure('victim');
    for (let i = 0; i < 100_001; i++) l.recordFailure(`k${i}`);
    expect(l.isBlocked('victim')).toBe(true); // a sweep must not drop a live window
    clock.t += 1000;
    l.recordFailure('fresh'); // triggers a sweep of the expired windows
    expect(l.isBlocked('victim')).toBe(false);
    expect(l.isBlocked('fresh')).toBe(false);
  });
});
