/** Percentiles and number formatting shared by the benches. */
import fs from 'node:fs';

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

/**
 * CPU time the whole machine has spent busy so far, in ms (Linux /proc/stat: user, nice, system,
 * irq, softirq; not idle, iowait or steal). The difference over a step, divided by the orders it
 * placed, is what an order costs in CPU across every process (server, worker, database, load
 * generator): a figure the noise of a shared host moves much less than orders per second.
 */
export function machineBusyMs(): number {
  const [user, nice, system, , , irq, softirq] = machineCpuTicks();
  return ((user! + nice! + system! + irq! + softirq!) * 1000) / 100; // USER_HZ is 100 on Linux
}

/**
 * CPU time the hypervisor has taken from this virtual machine so far, in ms (/proc/stat's steal
 * column): time our processes were runnable but not running. A step with much of it was slowed by
 * the host, not by the code.
 */
export function machineStealMs(): number {
  return (machineCpuTicks()[7]! * 1000) / 100;
}

/** The machine's CPU time so far by kind, in ticks: /proc/stat's first line (NaNs off Linux). */
function machineCpuTicks(): number[] {
  try {
    return fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  } catch {
    return Array.from({ length: 10 }, () => Number.NaN);
  }
}
