/**
 * How long the fsyncs took inside the kernel, per thread: the disk's own share of the tail, apart
 * from the event loop that hears about them (the --tail probe times an fsync to its callback on
 * the loop). Reads a `perf record` of the syscall tracepoints, taken beside a bench run:
 *
 *   perf record -k mono -a -o /tmp/fsync.data \
 *     -e syscalls:sys_enter_fdatasync,syscalls:sys_exit_fdatasync,syscalls:sys_enter_fsync,syscalls:sys_exit_fsync \
 *     -- npx tsx bench/order-placement.ts --db sqlite --no-build --concurrency 32 --rates 390/s,390/s --tail
 *   npx tsx bench/lib/syscall-times.ts /tmp/fsync.data [--over 20]
 *
 * --over: also list each call longer than this many ms, with its UTC time (perf's monotonic clock
 * mapped to the wall clock as it is now), to line up with the bench's --timeline.
 * Tracepoints fire only on these syscalls, so the recording costs the run next to nothing (a
 * system-wide `perf trace` of every syscall cost the SQLite ceiling four fifths of its rate).
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { percentile } from './stats.js';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { over: { type: 'string', default: '20' } } });
const file = positionals[0];
if (!file) throw new Error('usage: syscall-times.ts <perf.data> [--over 20]');
const overMs = Number(args.over);

const script = execFileSync('perf', ['script', '-i', file, '-F', 'comm,pid,tid,time,event'], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
// perf's monotonic seconds to epoch ms; process.hrtime reads the same clock (CLOCK_MONOTONIC).
const toEpochMs = (() => {
  const offset = Date.now() - Number(process.hrtime.bigint() / 1_000_000n);
  return (seconds: number) => seconds * 1000 + offset;
})();

interface Calls {
  durations: number[];
  slow: { at: number; ms: number }[];
}
const entered = new Map<string, number>();
const byThread = new Map<string, Calls>();
for (const line of script.split('\n')) {
  // "node 26321/26330 77059.539801: syscalls:sys_enter_fdatasync:"
  const m = /^\s*(.+?)\s+(\d+)\/(\d+)\s+([\d.]+):\s+syscalls:sys_(enter|exit)_(\w+):/.exec(line);
  if (!m) continue;
  const [, comm, pid, tid, time, phase, call] = m;
  const key = `${comm} ${pid}/${tid} ${call}`;
  const t = Number(time);
  if (phase === 'enter') {
    entered.set(key, t);
    continue;
  }
  const start = entered.get(key);
  if (start === undefined) continue;
  entered.delete(key);
  const ms = (t - start) * 1000;
  let calls = byThread.get(key);
  if (!calls) byThread.set(key, (calls = { durations: [], slow: [] }));
  calls.durations.push(ms);
  if (ms > overMs) calls.slow.push({ at: toEpochMs(start), ms });
}

const f = (v: number) => v.toFixed(2);
console.log('| process pid/thread syscall | calls | p50 ms | p99 ms | max ms | over 10 ms |');
console.log('|---|---:|---:|---:|---:|---:|');
const rows = [...byThread.entries()].sort((a, b) => b[1].durations.length - a[1].durations.length);
for (const [key, { durations }] of rows) {
  const sorted = [...durations].sort((a, b) => a - b);
  console.log(`| ${key} | ${durations.length} | ${f(percentile(sorted, 50))} | ${f(percentile(sorted, 99))} | ${f(sorted.at(-1)!)} | ${durations.filter((d) => d > 10).length} |`);
}
for (const [key, { slow }] of rows) {
  if (slow.length === 0) continue;
  console.log(`\n${key}, calls over ${overMs} ms:`);
  for (const s of slow) console.log(`  ${new Date(s.at).toISOString().slice(11, 23)} UTC  ${f(s.ms)} ms`);
}
