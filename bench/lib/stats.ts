/** Percentiles and number formatting shared by the benches. */

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarise(samples: readonly number[] | Float64Array): Summary {
  const sorted = Float64Array.from(samples).sort();
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), p999: percentile(sorted, 99.9), max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN };
}

export const ms = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(2)) : '–');
export const int = (n: number) => Math.round(n).toLocaleString('en');
export const pct = (n: number) => `${(n * 100).toFixed(0)} %`;

/** Elapsed milliseconds since `t0` (a process.hrtime.bigint()). */
export const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export const log = (s: string) => process.stderr.write(`${s}\n`);
