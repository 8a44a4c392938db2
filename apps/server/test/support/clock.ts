import type { Clock } from '../../src/platform/clock.js';

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-11-22T09:00:00.000Z')) {
  let t = start;
  const clock: Clock & { advance(ms: number): void; iso(): string } = {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    iso: () => new Date(t).toISOString(),
  };
  return clock;
}
