/**
 * Order placement throughput and latency: the engine ceiling (raw better-sqlite3 / pg running an
 * order-shaped transaction with the app's durability settings) measured first, in the same run,
 * then POST /api/v1/orders against a real `ordercare serve` process over loopback: closed loop at
 * fixed concurrencies, then open loop at fixed fractions of the best closed-loop rate, latency
 * measured from the intended send time.
 *
 *   npx tsx bench/order-placement.ts [--db sqlite|postgres] [--seconds 10] [--warmup 3]
 *     [--concurrency 1,4,16,32] [--rates 0.25,0.5,0.75,0.9 | 300/s,…] [--products 200] [--customers 200]
 *     [--worker embedded|process|off] [--profile] [--cpu-split] [--pg-stats] [--tail] [--timeline] [--cold] [--no-build]
 *   --cpu-split: each step's CPU by process (server, worker, PostgreSQL, the bench), and in the open
 *     loop how busy the server's event loop was (share of the step's wall time, ms per order);
 *   --pg-stats: PostgreSQL's time per order in each statement (pg_stat_statements), lock waits included
 *   --timeline: each open-loop step's requests over 25 ms, by the 100 ms they were due in (stalls
 *           show as runs of them; queueing as a spread)
 *   --cold: PostgreSQL as initdb left it (no WAL to recycle, tables never analyzed), not as a
 *           cluster that has been running (BenchDatabase.steady)
 *   --tail: each step's event-loop delay, WAL fsync times, GC pauses and requests' time from headers
 *           to response inside the server (lib/tail-probe.mjs), on SQLite how long the WAL checkpoints
 *           held the write lock (/metrics), and the CPU time the host took meanwhile (steal)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { postgresCeiling, postgresCeilingSetup, postgresOpenLoop, sqliteEngine, type CeilingResult, type OrderShape } from './lib/ceiling.js';
import { profileMarkdown, summariseProfiles } from './lib/cpuprofile.js';
import { cpuSplit, processTicks, statementStats } from './lib/diagnose.js';
import { closedLoop, createClient, openLoop, type LoadResult, type Request } from './lib/load.js';
import { benchDatabase, type BenchDatabase, buildServer, commandLine, engineName, machineFacts, REPO, spawnServer, type Engine, type ServerProcess } from './lib/process.js';
import { DELIVERY_DATE, openRuntime, seed, type Seeded } from './lib/seed.js';
import { int, log, machineBusyMs, machineStealMs, ms, pct } from './lib/stats.js';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '1,4,16,32' },
    rates: { type: 'string', default: '0.25,0.5,0.75,0.9' },
    products: { type: 'string', default: '200' },
    customers: { type: 'string', default: '200' },
    worker: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'cpu-split': { type: 'boolean', default: false },
    'pg-stats': { type: 'boolean', default: false },
    tail: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    cold: { type: 'boolean', default: false },
    timeline: { type: 'boolean', default: false },
  },
});
const engine: Engine = args.db === 'postgres' ? 'postgres' : 'sqlite';
const SECONDS = Number(args.seconds);
const WARMUP = Number(args.warmup);
const CONCURRENCY = args.concurrency.split(',').filter(Boolean).map(Number);
/** Shares of the best closed-loop rate (0.5), or fixed rates (300/s) to compare runs at the same load. */
const RATES = args.rates === 'none' ? [] : args.rates.split(',').filter(Boolean);
/** Outbox worker: embedded in serve, in its thread (SQLite default, how the app runs), a separate `ordercare worker` process (PostgreSQL default), or off (diagnosis only). */
const workerMode = (args.worker ?? (engine === 'sqlite' ? 'embedded' : 'process')) as 'embedded' | 'process' | 'off';
if (!['embedded', 'process', 'off'].includes(workerMode)) throw new Error('--worker embedded|process|off');

/** Deterministic pseudo-random order i: a customer, 1–3 distinct products, 1–5 units each. */
function shapeOf(seeded: Seeded, i: number): { customer: number; lines: { product: number; quantity: number }[] } {
  let x = (i + 1) * 2654435761;
  const rnd = (n: number) => {
    x = (x ^ (x >>> 13)) * 1274126177;
    x ^= x >>> 16;
    return (x >>> 0) % n;
  };
  const count = 1 + rnd(3);
  const first = rnd(seeded.products.length);
  const lines = Array.from({ length: count }, (_, k) => ({ product: (first + k * 7) % seeded.products.length, quantity: 1 + rnd(5) }));
  return { customer: rnd(seeded.customers.length), lines };
}

function ceilingShape(seeded: Seeded) {
  return (i: number): OrderShape => {
    const s = shapeOf(seeded, i);
    return { customerId: seeded.customers[s.customer]!.id, lines: s.lines.map((l) => ({ productId: seeded.products[l.product]!.id, sku: seeded.products[l.product]!.sku, quantity: l.quantity, unitPrice: seeded.products[l.product]!.unitPrice })) };
  };
}

function placementRequests(seeded: Seeded, runId: string) {
  const headers = { authorization: `Bearer ${seeded.token}` };
  const bodies = Array.from({ length: 2048 }, (_, i) => {
    const s = shapeOf(seeded, i);
    return JSON.stringify({
      customerId: seeded.customers[s.customer]!.id,
      currency: 'CNY',
      lines: s.lines.map((l) => ({ sku: seeded.products[l.product]!.sku, quantity: l.quantity })),
      shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' },
      requestedDeliveryDate: DELIVERY_DATE,
      priority: (['low', 'normal', 'normal', 'high', 'urgent'] as const)[i % 5],
      notes: i % 3 === 0 ? 'Deliver to the loading bay' : undefined,
    });
  });
  let n = 0;
  return (): Request => ({ method: 'POST', path: '/api/v1/orders', headers: { ...headers, 'idempotency-key': `${runId}-${n}` }, body: bodies[n++ % bodies.length] });
}

/** Outbox events due and not yet handled: whether the worker keeps up with the placement rate. */
async function backlogProbe(db: BenchDatabase): Promise<{ count(): Promise<number>; close(): Promise<void> }> {
  const query = "select count(*) as n from outbox where status = 'pending' and available_at <= ";
  if (db.engine === 'sqlite') {
    const conn = new BetterSqlite3(db.sqliteFile ?? path.join(db.dataDir, 'ordercare.db'), { readonly: true });
    const stmt = conn.prepare(`${query}?`);
    return { count: async () => Number((stmt.get(new Date().toISOString()) as { n: number }).n), close: async () => void conn.close() };
  }
  const client = new pg.Client({ connectionString: db.databaseUrl });
  await client.connect();
  return { count: async () => Number((await client.query<{ n: string }>(`${query}$1`, [new Date().toISOString()])).rows[0]!.n), close: () => client.end() };
}

/**
 * The server's own view of a step (`--tail`): lib/tail-probe.mjs, asked with SIGUSR2, answers in a
 * file; on SQLite also its /metrics, for how long the WAL checkpoints held the write lock.
 */
function tailProbe(pid: number, base: string) {
  const file = process.env.TAIL_PROBE_FILE!;
  const read = async () => {
    fs.rmSync(file, { force: true });
    process.kill(pid, 'SIGUSR2');
    for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 20));
    return JSON.parse(fs.readFileSync(file, 'utf8')) as {
      loop: { p50: number; p99: number; p999: number; max: number };
      requests: { count: number; p50: number; p99: number; max: number };
      fsync: { count: number; p50: number; p99: number; max: number; totalMs: number; over10ms: number };
      gc: { count: number; totalMs: number; max: number; over5ms: number };
    };
  };
  /** The checkpoint-lock histogram from /metrics: cumulative count by upper bound (`le`, in seconds), `sum` (seconds), `count`. */
  const checkpoints = async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const counts = new Map<string, number>();
    for (const m of text.matchAll(/^ordercare_sqlite_checkpoint_lock_seconds_(bucket\{le="([^"]+)"\}|sum|count) (\S+)$/gm)) counts.set(m[2] ?? m[1]!, Number(m[3]));
    return counts;
  };
  let steal0 = 0;
  let checkpoints0 = new Map<string, number>();
  const held = (now: Map<string, number>) => {
    if (!now.has('count')) return '';
    const d = (k: string) => (now.get(k) ?? 0) - (checkpoints0.get(k) ?? 0);
    const over = (le: string) => int(d('count') - d(le));
    return `; ${int(d('count'))} WAL checkpoints held the write lock ${ms(d('sum') * 1000)} ms in all, ${over('0.005')} over 5 ms, ${over('0.01')} over 10 ms, ${over('0.025')} over 25 ms`;
  };
  return {
    reset: async () => {
      await read();
      checkpoints0 = await checkpoints();
      steal0 = machineStealMs();
    },
    async report(step: string): Promise<string> {
      const r = await read();
      const locks = held(await checkpoints());
      const stolen = machineStealMs() - steal0;
      return `Inside the server, ${step}: CPU taken by the host (steal) ${int(stolen)} ms; ${int(r.requests.count)} requests, request to response p50 ${ms(r.requests.p50)}, p99 ${ms(r.requests.p99)}, max ${ms(r.requests.max)} ms; event-loop delay p50 ${ms(r.loop.p50)}, p99 ${ms(r.loop.p99)}, p99.9 ${ms(r.loop.p999)}, max ${ms(r.loop.max)} ms; ${int(r.fsync.count)} WAL fsyncs, p50 ${ms(r.fsync.p50)}, p99 ${ms(r.fsync.p99)}, max ${ms(r.fsync.max)} ms, ${r.fsync.over10ms} over 10 ms; ${int(r.gc.count)} GC pauses, ${ms(r.gc.totalMs)} ms in all, max ${ms(r.gc.max)} ms, ${r.gc.over5ms} over 5 ms${locks}.`;
    },
  };
}

/** `--timeline`: the slow requests of a step by the 100 ms they were due in, as one line each. */
function timeline(step: string, slow: readonly { at: number; ms: number; late: number }[], startedAt: number): string {
  const windows = new Map<number, { ms: number; late: number }[]>();
  for (const s of slow) {
    const w = Math.floor(s.at / 100);
    const list = windows.get(w) ?? [];
    list.push(s);
    windows.set(w, list);
  }
  const lines = [...windows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([w, l]) => `- ${(w / 10).toFixed(1)} s: ${l.length} (${l.map((x) => x.ms.toFixed(0)).join(', ')} ms; the load generator sent them up to ${Math.max(...l.map((x) => x.late)).toFixed(1)} ms late)`);
  const began = new Date(startedAt).toISOString().slice(11, 23);
  return [`Requests over 25 ms, ${step} (started ${began} UTC), by when they were due (${slow.length} in all):`, '', ...(lines.length ? lines : ['- none'])].join('\n');
}

/** Waits (up to a minute) until the worker has handled every due event. */
async function drained(probe: { count(): Promise<number> }): Promise<void> {
  const until = Date.now() + 60_000;
  while ((await probe.count()) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

async function main() {
  const started = Date.now();
  if (!args['no-build']) buildServer();
  const db = await benchDatabase(engine, { pgStats: args['pg-stats'] && engine === 'postgres' });
  const servers: ServerProcess[] = [];
  let rawSqlite: ReturnType<typeof sqliteEngine> | undefined;
  const diagnoses: string[] = [];
  const profileDir = args.profile ? fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-cpuprof-')) : undefined;
  try {
    const rt = await openRuntime(db);
    const seeded = await seed(rt, { products: Number(args.products), customers: Number(args.customers), stock: 1_000_000_000 });
    await rt.close();

    // PostgreSQL as it is once it has run a while (BenchDatabase.steady); --cold skips it.
    if (!args.cold) await db.steady({ recycledWal: true });

    // 1. Engine ceiling, on a scratch database of the same engine, right before the HTTP runs.
    const ceilings: (CeilingResult & { cpuMs: number })[] = [];
    const next = ceilingShape(seeded);
    const measured = async (run: () => CeilingResult | Promise<CeilingResult>) => {
      const cpu0 = machineBusyMs();
      const r = await run();
      ceilings.push({ ...r, cpuMs: (machineBusyMs() - cpu0) / (r.rate * SECONDS) });
    };
    const ceilingDb = await db.scratch('ceiling');
    if (engine === 'sqlite') {
      const raw = (rawSqlite = sqliteEngine(ceilingDb, seeded.products));
      log('engine ceiling: better-sqlite3, one connection …');
      await measured(() => raw.closed(next, SECONDS));
    } else {
      await postgresCeilingSetup(ceilingDb, seeded.products);
      for (const c of CONCURRENCY) {
        log(`engine ceiling: pg pool of ${c} …`);
        await measured(() => postgresCeiling(ceilingDb, next, c, SECONDS));
      }
    }
    for (const c of ceilings) log(`  ceiling c=${c.concurrency}: ${int(c.rate)} orders/s, p50 ${ms(c.latency.p50)} ms, p99 ${ms(c.latency.p99)} ms`);
    const bestCeiling = ceilings.reduce((a, b) => (b.rate > a.rate ? b : a));
    /** The raw engine at an open-loop step's rate, right after it: its own tail on this disk and host. */
    const rawAt = (rate: number) => (rawSqlite ? rawSqlite.open(next, rate, SECONDS) : postgresOpenLoop(ceilingDb, next, bestCeiling.concurrency, rate, SECONDS));

    // 2. The server under test, a separate process; the outbox worker as the app runs it.
    const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    if (args.tail) {
      process.env.TAIL_PROBE_FILE = path.join(os.tmpdir(), `ordercare-tail-${process.pid}.json`);
      nodeArgs.push('--import', path.join(REPO, 'bench/lib/tail-probe.mjs'));
    }
    const server = await spawnServer({ db, worker: workerMode === 'embedded' ? 'embedded' : 'off', nodeArgs });
    servers.push(server);
    const workerProfileDir = profileDir && workerMode === 'process' ? fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-cpuprof-worker-')) : undefined;
    if (workerMode === 'process') servers.push(await spawnServer({ db, command: 'worker', worker: 'off', nodeArgs: workerProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${workerProfileDir}`] : [] }));
    const workerNote = {
      embedded: 'serve with the embedded outbox worker (WORKER=embedded), in a thread of its own with its own connection (on SQLite sharing the write lock), competing for the CPUs',
      process: 'serve with WORKER=off plus one `ordercare worker` process (competing for the CPUs and the database)',
      off: 'NONE (WORKER=off, diagnosis only: events pile up in the outbox)',
    }[workerMode];
    log(`server ${server.base} (pid ${server.pid}); ${workerNote}`);
    const tail = args.tail ? tailProbe(server.pid, server.base) : undefined;

    const client = createClient(server.base);
    const request = placementRequests(seeded, `bench-${Date.now()}`);
    const maxC = Math.max(...CONCURRENCY);
    log(`warm-up: ${WARMUP} s at concurrency ${maxC}`);
    const warm = await closedLoop(client, request, { concurrency: maxC, seconds: WARMUP });
    if (warm.ok === 0) throw new Error(`warm-up placed no order: ${warm.errors.join('\n')}`);
    if (!args.cold) await db.steady({ analyzed: true });

    const probe = await backlogProbe(db);
    const closed: (LoadResult & { concurrency: number; backlog: number; cpuMs: number })[] = [];
    const statements = db.engine === 'postgres' && args['pg-stats'] ? await statementStats(db.databaseUrl) : undefined;
    const threaded = [server.pid, ...(servers[1] ? [servers[1].pid] : [])]; // --cpu-split: their event loops too
    for (const c of CONCURRENCY) {
      const cpu0 = machineBusyMs();
      const ticks0 = args['cpu-split'] ? processTicks(threaded) : undefined;
      await statements?.reset();
      await tail?.reset();
      const r = await closedLoop(client, request, { concurrency: c, seconds: SECONDS });
      const cpuMs = (machineBusyMs() - cpu0) / r.ok;
      if (ticks0) diagnoses.push(`CPU by process, closed loop at concurrency ${c}: ${cpuSplit(ticks0, processTicks(threaded), { server: server.pid, worker: servers[1]?.pid, self: process.pid })}`);
      if (statements) diagnoses.push(`${await statements.report(r.ok)}\n\n(closed loop at concurrency ${c})`);
      if (tail) diagnoses.push(await tail.report(`closed loop at concurrency ${c}`));
      const backlog = await probe.count();
      closed.push({ ...r, concurrency: c, backlog, cpuMs });
      log(`  closed c=${c}: ${int(r.rate)} orders/s, p50 ${ms(r.latency.p50)} p99 ${ms(r.latency.p99)} ms, failed ${r.failed}${r.errors.length ? ` (${r.errors[0]})` : ''}; outbox backlog ${int(backlog)}`);
      await drained(probe); // every step starts with the worker caught up
    }
    await statements?.close();
    const best = closed.reduce((a, b) => (b.rate > a.rate ? b : a));
    const open: (Awaited<ReturnType<typeof openLoop>> & { fraction: number; backlog: number; cpuMs: number; raw: CeilingResult })[] = [];
    for (const spec of RATES) {
      const fixed = spec.endsWith('/s');
      const rate = fixed ? Number(spec.slice(0, -2)) : Math.max(1, Math.round(best.rate * Number(spec)));
      const f = fixed ? rate / best.rate : Number(spec); // a share as asked, so "half the best rate" is found below
      const cpu0 = machineBusyMs();
      const ticks0 = args['cpu-split'] ? processTicks(threaded) : undefined;
      await tail?.reset();
      const r = await openLoop(client, request, { rate, seconds: SECONDS });
      const cpuMs = (machineBusyMs() - cpu0) / r.ok;
      if (ticks0) diagnoses.push(`CPU by process, open loop at ${pct(f)} (${rate}/s, p99 ${ms(r.latency.p99)} ms): ${cpuSplit(ticks0, processTicks(threaded), { server: server.pid, worker: servers[1]?.pid, self: process.pid }, { seconds: r.seconds, orders: r.ok })}`);
      if (tail) diagnoses.push(await tail.report(`open loop at ${pct(f)} (${rate}/s, p99 ${ms(r.latency.p99)} ms)`));
      const backlog = await probe.count();
      log(`  open ${pct(f)} = ${rate}/s: achieved ${int(r.rate)}/s, p50 ${ms(r.latency.p50)} p99 ${ms(r.latency.p99)} ms, max in flight ${r.maxOutstanding}, failed ${r.failed}; outbox backlog ${int(backlog)}`);
      await drained(probe);
      const raw = await rawAt(rate);
      log(`    raw engine at ${rate}/s: p50 ${ms(raw.latency.p50)} p99 ${ms(raw.latency.p99)} ms`);
      if (args.timeline) diagnoses.push(timeline(`open loop at ${pct(f)} (${rate}/s, p99 ${ms(r.latency.p99)} ms)`, r.slow, r.startedAt));
      open.push({ ...r, fraction: f, backlog, cpuMs, raw });
    }
    await probe.close();
    const rss = server.rss();
    client.close();
    for (const s of servers.splice(0)) await s.stop();

    // 3. The tables.
    const name = engineName(engine);
    const ratio = (r: number) => `${((r / bestCeiling.rate) * 100).toFixed(0)} %`;
    const target = engine === 'sqlite' ? 0.4 : 0.25;
    const half = open.find((o) => o.fraction === 0.5);
    const out = [
      `#### ${name}: order placement over HTTP vs the engine ceiling`,
      '',
      `${machineFacts(db)}. Load generator and server are separate processes sharing the same CPUs; the outbox worker: ${workerNote}.`,
      `${seeded.products.length} products (ample stock), ${seeded.customers.length} customers, 1–3 lines per order, each request a new Idempotency-Key; ${SECONDS} s per step after a ${WARMUP} s warm-up.`,
      '',
      '| engine ceiling (raw driver, same durability) | connections | orders/s | p50 ms | p99 ms | machine CPU ms per order |',
      '|---|---:|---:|---:|---:|---:|',
      ...ceilings.map((c) => `| ${engine === 'sqlite' ? 'better-sqlite3, BEGIN IMMEDIATE' : 'pg pool'} | ${c.concurrency} | ${int(c.rate)} | ${ms(c.latency.p50)} | ${ms(c.latency.p99)} | ${ms(c.cpuMs)} |`),
      '',
      '| HTTP closed loop | concurrency | orders/s | of ceiling | p50 ms | p95 ms | p99 ms | p99.9 ms | failed | outbox backlog at end | machine CPU ms per order |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...closed.map((r) => `| POST /api/v1/orders | ${r.concurrency} | ${int(r.rate)} | ${ratio(r.rate)} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${ms(r.latency.p999)} | ${r.failed} | ${int(r.backlog)} | ${ms(r.cpuMs)} |`),
      '',
      ...(open.length
        ? [
            '| HTTP open loop (latency from intended send time) | offered/s | achieved/s | p50 ms | p95 ms | p99 ms | p99.9 ms | max in flight | failed | outbox backlog at end | machine CPU ms per order | raw engine at this rate: p50 / p99 ms |',
            '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
            ...open.map((r) => `| ${pct(r.fraction)} of best closed loop | ${int(r.offered)} | ${int(r.rate)} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${ms(r.latency.p999)} | ${r.maxOutstanding} | ${r.failed} | ${int(r.backlog)} | ${ms(r.cpuMs)} | ${ms(r.raw.latency.p50)} / ${ms(r.raw.latency.p99)} |`),
            '',
          ]
        : []),
      `Best HTTP rate ${int(best.rate)} orders/s (concurrency ${best.concurrency}) = **${ratio(best.rate)} of the engine ceiling** (${int(bestCeiling.rate)} orders/s${engine === 'postgres' ? ` with ${bestCeiling.concurrency} connections` : ''}); target ≥ ${pct(target)}: ${best.rate / bestCeiling.rate >= target ? 'met' : 'NOT met'}.` +
        (half ? ` p99 at half the best rate: ${ms(half.latency.p99)} ms (target < 25 ms: ${half.latency.p99 < 25 ? 'met' : 'NOT met'}); the raw engine's at the same rate, right after: ${ms(half.raw.latency.p99)} ms.` : ''),
      `The raw engine at this rate: the ceiling's transaction offered at the step's rate right after it (open loop, ${engine === 'sqlite' ? 'its one connection' : `${bestCeiling.concurrency} connections`}, latency from each one's due time), so the disk's and the host's share of the tail shows beside the app's.`,
      'The outbox backlog is the events due but not yet handled when the step ended (each step starts with none): a rate the worker does not keep up with shows a growing backlog.',
      'Machine CPU per order is the busy CPU time of every process on the machine (server, worker, database, load generator) during the step, from /proc/stat, divided by the orders placed; the work of a backlog left at the end is not in it.',
      `Server resident set after the run: ${rss.rssMb.toFixed(0)} MB (peak ${rss.peakMb.toFixed(0)} MB).`,
      '',
      `Command: \`${commandLine()}\` (total ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    ];
    for (const d of diagnoses) out.push('', d);
    if (profileDir) out.push('', '`ordercare serve`:', '', profileMarkdown(summariseProfiles(profileDir, REPO)), '', `Profiles: ${profileDir}`);
    if (workerProfileDir) out.push('', '`ordercare worker`:', '', profileMarkdown(summariseProfiles(workerProfileDir, REPO), 10), '', `Profiles: ${workerProfileDir}`);
    process.stdout.write(`${out.join('\n')}\n\n`);
  } finally {
    for (const s of servers) await s.stop();
    rawSqlite?.close();
    db.close();
  }
}

await main();
