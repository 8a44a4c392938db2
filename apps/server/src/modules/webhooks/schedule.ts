/**
 * When a failed delivery is tried again: after attempt n (1-based) wait RETRY_DELAYS_MS[n-1] ±20 %
 * jitter. 10 attempts in all; the delays add up to about 45 hours, so a receiver that is down for a
 * day still gets every event. After the last attempt the delivery is `failed` (redeliver by hand).
 */
const MIN = 60_000;
const HOUR = 60 * MIN;
export const RETRY_DELAYS_MS: readonly number[] = [1 * MIN, 5 * MIN, 30 * MIN, 2 * HOUR, 4 * HOUR, 6 * HOUR, 8 * HOUR, 12 * HOUR, 12 * HOUR];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The wait after attempt `attempt`, or null when it was the last. `random` in [0, 1). */
export function retryDelayMs(attempt: number, random: number = Math.random()): number | null {
  const base = RETRY_DELAYS_MS[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (0.8 + random * 0.4));
}
