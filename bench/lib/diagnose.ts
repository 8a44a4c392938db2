/**
 * Diagnoses for the placement bench, off by default:
 * - `--cpu-split`: which processes used the machine's CPU during a step (from /proc/<pid>/stat),
 *   and how much of the server's was its event loop (its main thread; the rest is its threads),
 *   with how busy that loop was: its share of the step's wall time, and its CPU per order;
 * - `--pg-stats`: what PostgreSQL spent per order in each statement (pg_stat_statements), where
 *   execution time includes time spent waiting for row locks.
 */
import fs from 'node:fs';
import pg from 'pg';

/** The kernel's USER_HZ, the unit of /proc/<pid>/stat's times (100 on Linux). */
const TICKS_PER_SECOND = 100;

/** utime + stime and stime of a /proc stat line, in ticks. */
function ticksOf(stat: string): { ticks: number; system: number } {
  // Fields after the command's closing parenthesis: state is the first, utime the 12th, stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ticks: Number(fields[11]) + Number(fields[12]), system: Number(fields[12]) };
}

/** CPU seconds (user + system) the main thread of `pid` (its event loop) has used so far. */
export function mainThreadCpuSeconds(pid: number): number {
  return ticksOf(fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')).ticks / TICKS_PER_SECOND;
}

/**
 * CPU ticks (user + system, and system alone) of every process now, with its command line. The
 * main thread of each pid in `threadsOf` is also listed, under the pid negated (its event loop).
 */
export function processTicks(threadsOf: readonly number[] = []): Map<number, { ticks: number; system: number; cmd: string }> {
  const out = new Map<number, { ticks: number; system: number; cmd: string }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      out.set(Number(entry), { ...ticksOf(stat), cmd });
    } catch {
      // gone meanwhile
    }
  }
  for (const pid of threadsOf) {
    try {
      out.set(-pid, { ...ticksOf(fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')), cmd: '(main thread)' });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * Shares of the CPU used between two `processTicks()`, by group, with the part spent in the
 * kernel (system calls: socket writes and reads, fsync): "server 39 % (kernel 14 %), …".
 */
export function cpuSplit(
  before: Map<number, { ticks: number; system: number }>,
  after: Map<number, { ticks: number; system: number; cmd: string }>,
  groups: { server: number; worker?: number; self: number },
  step?: { seconds: number; orders: number },
): string {
  const used = new Map<string, number>();
  const kernel = new Map<string, number>();
  for (const [pid, now] of after) {
    if (pid < 0) continue; // a main thread, reported beside its process below
    const delta = now.ticks - (before.get(pid)?.ticks ?? 0);
    if (delta <= 0) continue;
    const group =
      pid === groups.server ? 'server' : pid === groups.worker ? 'worker' : pid === groups.self ? 'bench and load generator' : now.cmd.startsWith('postgres:') && now.cmd.includes('[local]') ? 'PostgreSQL backends' : now.cmd.startsWith('postgres:') ? 'PostgreSQL background' : 'other';
    used.set(group, (used.get(group) ?? 0) + delta);
    kernel.set(group, (kernel.get(group) ?? 0) + now.system - (before.get(pid)?.system ?? 0));
  }
  const total = [...used.values()].reduce((a, b) => a + b, 0);
  const pct = (ticks: number) => Math.round((100 * ticks) / total);
  const loop = (pid: number | undefined) => {
    const now = pid === undefined ? undefined : after.get(-pid);
    const then = pid === undefined ? undefined : before.get(-pid);
    if (!now || !then) return '';
    const ticks = now.ticks - then.ticks;
    // A loop busy 75 % of the step's wall time is a queue at 75 % load: what the tail of an open loop hinges on.
    const busy = step ? `, busy ${Math.round((100 * ticks) / TICKS_PER_SECOND / step.seconds)} % of the step, ${((1000 * ticks) / TICKS_PER_SECOND / step.orders).toFixed(2)} ms per order` : '';
    return `, its event loop ${pct(ticks)} %${busy}`;
  };
  return [...used]
    .sort((a, b) => b[1] - a[1])
    .map(([group, ticks]) => `${group} ${pct(ticks)} % (kernel ${pct(kernel.get(group) ?? 0)} %${group === 'server' ? loop(groups.server) : group === 'worker' ? loop(groups.worker) : ''})`)
    .join(', ');
}

/** pg_stat_statements of the bench database: reset it, and report per order since the reset. */
export async function statementStats(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('create extension if not exists pg_stat_statements');
  return {
    reset: async () => void (await client.query('select pg_stat_statements_reset()')),
    async report(orders: number, top = 12): Promise<string> {
      const rows = (
        await client.query<{ calls: string; exec: number; plan: number; query: string }>(
          `select calls, total_exec_time as exec, total_plan_time as plan, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query
           from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
           order by total_exec_time + total_plan_time desc limit $1`,
          [top],
        )
      ).rows;
      const perOrder = (ms: number) => ((1000 * ms) / orders).toFixed(0);
      return [
        `PostgreSQL per order over ${orders} orders (pg_stat_statements; execution includes waiting for row locks):`,
        '',
        '| statement | per order | exec µs per order | plan µs per order |',
        '|---|---:|---:|---:|',
        ...rows.map((r) => `| \`${r.query.replaceAll('|', '\\|')}\` | ${(Number(r.calls) / orders).toFixed(2)} | ${perOrder(r.exec)} | ${perOrder(r.plan)} |`),
      ].join('\n');
    },
    close: () => client.end(),
  };
}
