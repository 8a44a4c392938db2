/**
 * Order reads at 1 million orders: GET /api/v1/orders (first page, filters, sort=priority, a deep
 * cursor page) and GET /api/v1/orders/{id}, against a fresh `ordercare serve` process, next to the
 * raw engine running the same SQL (captured through a logging Kysely), then the server's resident
 * set. The orders (and their lines) are bulk-loaded straight into the app's tables after the
 * migrations ran: prepared statements in big transactions on SQLite, multi-row INSERTs on
 * PostgreSQL; ids in the app's format, unique order numbers, the per-year counters set after.
 *
 *   npx tsx bench/order-reads.ts [--db sqlite|postgres] [--orders 1000000] [--customers 10000]
 *     [--iterations 2000] [--budget 20] [--explain] [--no-build]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { OrderListQuery } from '@ordercare/contracts';
import type { Database } from '../apps/server/src/platform/db/index.js';
import { encodeCursor } from '../apps/server/src/platform/db/index.js';
import type { OrderLinesTable, OrdersTable } from '../apps/server/src/platform/db/schema.js';
import { SqliteDialect } from '../apps/server/src/platform/db/sqlite-driver.js';
import { getOrder, listOrders } from '../apps/server/src/modules/orders/index.js';
import { createClient } from './lib/load.js';
import { benchDatabase, buildServer, commandLine, engineName, machineFacts, spawnServer, type BenchDatabase, type Engine } from './lib/process.js';
import { openRuntime, seed, type Seeded } from './lib/seed.js';
import { int, log, ms, nowMs, summarise, type Summary } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    orders: { type: 'string', default: '1000000' },
    customers: { type: 'string', default: '10000' },
    iterations: { type: 'string', default: '2000' },
    budget: { type: 'string', default: '20' },
    explain: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const engine: Engine = args.db === 'postgres' ? 'postgres' : 'sqlite';
const ORDERS = Number(args.orders);
const ITERATIONS = Number(args.iterations);
/** Seconds of timed requests per row and side at most: a slow query gets fewer samples, not a longer run. */
const BUDGET_MS = Number(args.budget) * 1000;

// ---- synthetic orders ----

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** `prefix_` + 10 chars of milliseconds + 16 random chars, as platform/ids.ts makes them. */
function idAt(prefix: string, ms: number): string {
  let time = '';
  for (let i = 0, t = ms; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32] + time;
  const bytes = randomBytes(16);
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b & 31];
  return `${prefix}_${time}${rand}`;
}

/** A small fast PRNG (mulberry32), seeded, so every run loads the same shape of data. */
function prng(seedValue: number) {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRIORITIES = [['low', 0, 0.15], ['normal', 1, 0.65], ['high', 2, 0.15], ['urgent', 3, 0.05]] as const;
/** Old orders are mostly settled; the last weeks hold the open work. */
const OLD: readonly (readonly [string, number])[] = [['completed', 0.8], ['delivered', 0.08], ['cancelled', 0.1], ['on_hold', 0.02]];
const RECENT: readonly (readonly [string, number])[] = [['placed', 0.15], ['confirmed', 0.2], ['in_production', 0.15], ['quality_check', 0.05], ['ready_to_ship', 0.1], ['partially_shipped', 0.05], ['shipped', 0.12], ['delivered', 0.08], ['cancelled', 0.05], ['on_hold', 0.05]];
function weighted<T extends readonly [string, ...unknown[]]>(list: readonly T[], r: number, weight: (t: T) => number): T {
  let acc = 0;
  for (const t of list) {
    acc += weight(t);
    if (r < acc) return t;
  }
  return list[list.length - 1]!;
}

const ADDRESS = JSON.stringify({ name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' });
const DAY = 86_400_000;

function* generateOrders(seeded: Seeded, count: number) {
  const rnd = prng(42);
  const end = Date.now() - DAY;
  const span = 2 * 365 * DAY; // two years of history, in creation order
  const counters = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const createdMs = end - span + Math.floor((span * i) / count);
    const created = new Date(createdMs).toISOString();
    const year = new Date(createdMs).getUTCFullYear();
    const seq = (counters.get(year) ?? 0) + 1;
    counters.set(year, seq);
    const age = end - createdMs;
    const status = weighted(age > 45 * DAY ? OLD : RECENT, rnd(), (t) => t[1])[0];
    const [priority, rank] = weighted(PRIORITIES, rnd(), (t) => t[2]);
    const customer = seeded.customers[Math.floor(seeded.customers.length * rnd() * rnd())]!; // skewed: a few big customers
    const id = idAt('ord', createdMs);
    const lineCount = 1 + Math.floor(rnd() * 3);
    const first = Math.floor(rnd() * seeded.products.length);
    let subtotal = 0;
    let tax = 0;
    const lines: OrderLinesTable[] = [];
    for (let k = 0; k < lineCount; k++) {
      const p = seeded.products[(first + k * 7) % seeded.products.length]!;
      const quantity = 1 + Math.floor(rnd() * 10);
      const total = quantity * p.unitPrice;
      const lineTax = Math.round((total * p.taxRateBp) / 10_000);
      subtotal += total;
      tax += lineTax;
      const settled = status === 'completed' || status === 'delivered' || status === 'shipped';
      lines.push({ id: idAt('oln', createdMs), order_id: id, position: k, product_id: p.id, sku: p.sku, name: p.name, quantity, unit_price: p.unitPrice, tax_rate_bp: p.taxRateBp, total, discount: 0, tax: lineTax, backordered: 0, make_to_order: 0, shipped: settled ? quantity : 0 });
    }
    const requested = new Date(createdMs + (7 + Math.floor(rnd() * 30)) * DAY).toISOString().slice(0, 10);
    const shipping = rnd() < 0.3 ? 2000 : 0;
    const paid = status === 'completed' || status === 'delivered';
    const order: OrdersTable = {
      id,
      number: `SO-${year}-${String(seq).padStart(6, '0')}`,
      status,
      held_from: status === 'on_hold' ? 'confirmed' : null,
      payment_status: paid ? 'paid' : 'unpaid',
      customer_id: customer.id,
      customer_name: customer.name,
      currency: 'CNY',
      subtotal,
      discount_total: 0,
      tax_total: tax,
      shipping,
      total: subtotal + tax + shipping,
      discount: null,
      priority,
      priority_rank: rank,
      requested_delivery_date: requested,
      promised_delivery_date: null,
      due_date: requested,
      payment_terms: JSON.stringify({ method: i % 4 === 0 ? 'net' : 'prepaid', ...(i % 4 === 0 ? { netDays: 30 } : {}) }),
      shipping_address: ADDRESS,
      billing_address: null,
      notes: i % 5 === 0 ? 'Deliver to the loading bay' : null,
      special_requirements: null,
      channel: (['backoffice', 'api', 'portal', 'backoffice'] as const)[i % 4]!,
      shipped_anything: status === 'shipped' || status === 'partially_shipped' || status === 'delivered' || status === 'completed' ? 1 : 0,
      adjustment_total: 0,
      paid_total: paid ? subtotal + tax + shipping : 0,
      refunded_total: 0,
      version: 1 + Math.floor(rnd() * 4),
      created_by_type: 'system',
      created_by_id: null,
      created_at: created,
      updated_at: created,
    };
    yield { order, lines, counters };
  }
}

/** The columns the table really has (other migrations may add columns with defaults). */
async function columnsOf(table: string, sqlite?: BetterSqlite3.Database, client?: pg.Client): Promise<Set<string>> {
  if (sqlite) return new Set((sqlite.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((r) => r.name));
  const r = await client!.query('select column_name from information_schema.columns where table_name = $1', [table]);
  return new Set(r.rows.map((x: { column_name: string }) => x.column_name));
}

async function loadOrders(db: BenchDatabase, seeded: Seeded): Promise<{ seconds: number; lines: number; sampleIds: string[] }> {
  const t0 = nowMs();
  const sampleIds: string[] = [];
  let lineCount = 0;
  const sqlite = engine === 'sqlite' ? new BetterSqlite3(db.sqliteFile!) : undefined;
  const client = engine === 'postgres' ? new pg.Client({ connectionString: db.databaseUrl }) : undefined;
  await client?.connect();
  const sample = { order: undefined as OrdersTable | undefined, line: undefined as OrderLinesTable | undefined };
  const gen = generateOrders(seeded, ORDERS);
  const first = gen.next();
  if (first.done) throw new Error('no orders to load');
  sample.order = first.value.order;
  sample.line = first.value.lines[0];
  const orderCols = [...(await columnsOf('orders', sqlite, client))].filter((c) => c in sample.order!) as (keyof OrdersTable)[];
  const lineCols = [...(await columnsOf('order_lines', sqlite, client))].filter((c) => c in sample.line!) as (keyof OrderLinesTable)[];
  let counters = new Map<number, number>();
  const BATCH = engine === 'sqlite' ? 20_000 : 500;
  let done = 0;
  let pending: { order: OrdersTable; lines: OrderLinesTable[] }[] = [first.value];
  const flushSqlite = (() => {
    if (!sqlite) return undefined;
    sqlite.pragma('cache_size = -262144'); // 256 MB page cache for the loading connection only
    const insO = sqlite.prepare(`insert into orders (${orderCols.join(', ')}) values (${orderCols.map(() => '?').join(', ')})`);
    const insL = sqlite.prepare(`insert into order_lines (${lineCols.join(', ')}) values (${lineCols.map(() => '?').join(', ')})`);
    return sqlite.transaction((batch: typeof pending) => {
      for (const o of batch) {
        insO.run(...orderCols.map((c) => o.order[c]));
        for (const l of o.lines) insL.run(...lineCols.map((c) => l[c]));
      }
    });
  })();
  const flushPg = async (batch: typeof pending) => {
    const multi = async <R>(table: string, cols: (keyof R)[], rows: R[]) => {
      const values: unknown[] = [];
      const tuples = rows.map((r) => `(${cols.map((c) => `$${values.push(r[c])}`).join(', ')})`);
      await client!.query(`insert into ${table} (${cols.join(', ')}) values ${tuples.join(', ')}`, values);
    };
    await client!.query('begin');
    await multi('orders', orderCols, batch.map((o) => o.order));
    const lines = batch.flatMap((o) => o.lines);
    for (let k = 0; k < lines.length; k += 2000) await multi('order_lines', lineCols, lines.slice(k, k + 2000));
    await client!.query('commit');
  };
  const flush = async () => {
    if (!pending.length) return;
    if (flushSqlite) flushSqlite(pending);
    else await flushPg(pending);
    done += pending.length;
    pending = [];
    if (done % 100_000 < BATCH) log(`loaded ${int(done)} orders (${((nowMs() - t0) / 1000).toFixed(0)} s)`);
  };
  lineCount += first.value.lines.length;
  for (const item of gen) {
    if (sampleIds.length < 20_000 && Math.random() < 20_000 / ORDERS) sampleIds.push(item.order.id);
    pending.push({ order: item.order, lines: item.lines });
    lineCount += item.lines.length;
    counters = item.counters;
    if (pending.length >= BATCH) await flush();
  }
  await flush();
  if (sampleIds.length === 0) sampleIds.push(first.value.order.id);
  // The per-year counters, so a new order would get the next free number.
  for (const [year, last] of counters) {
    if (sqlite) sqlite.prepare('insert into order_number_sequences (year, last) values (?, ?) on conflict (year) do update set last = excluded.last').run(year, last);
    else await client!.query('insert into order_number_sequences (year, last) values ($1, $2) on conflict (year) do update set last = excluded.last', [year, last]);
  }
  if (sqlite) sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite?.close();
  // What autovacuum does after a bulk load (insert threshold): statistics and the visibility map.
  if (client) {
    log('vacuum analyze …');
    await client.query('vacuum analyze');
    await client.end();
  }
  return { seconds: (nowMs() - t0) / 1000, lines: lineCount, sampleIds };
}

// ---- measurement ----

interface Row {
  label: string;
  rows: number;
  statements: number;
  http: Summary;
  raw: Summary;
}

async function main() {
  const started = Date.now();
  if (!args['no-build']) buildServer();
  const db = await benchDatabase(engine);
  let server: Awaited<ReturnType<typeof spawnServer>> | undefined;
  try {
    const rt = await openRuntime(db);
    const seeded = await seed(rt, { products: 200, customers: Number(args.customers), stock: 1_000_000 });
    await rt.close();
    const load = await loadOrders(db, seeded);
    log(`${int(ORDERS)} orders, ${int(load.lines)} lines loaded in ${load.seconds.toFixed(0)} s`);

    server = await spawnServer({ db, worker: engine === 'sqlite' ? 'embedded' : 'off' });
    const rssStart = server.rss();
    const client = createClient(server.base, 4);
    const headers = { authorization: `Bearer ${seeded.token}` };

    const sqlite = engine === 'sqlite' ? new BetterSqlite3(db.sqliteFile!, { readonly: true }) : undefined;
    const pgClient = engine === 'postgres' ? new pg.Client({ connectionString: db.databaseUrl }) : undefined;
    await pgClient?.connect();
    const captured: CompiledQuery[] = [];
    const logging = new Kysely<Database>({
      dialect: sqlite ? new SqliteDialect(sqlite) : new PostgresDialect({ pool: new pg.Pool({ connectionString: db.databaseUrl, max: 1 }) }),
      log: (e) => void (e.level === 'query' && captured.push(e.query)),
    });
    const first = <T>(rows: T[]) => rows[0] as T;
    const bigCustomer = sqlite
      ? first(sqlite.prepare('select customer_id as id, count(*) as n from orders group by customer_id order by n desc limit 1').all() as { id: string; n: number }[])
      : first((await pgClient!.query('select customer_id as id, count(*)::int as n from orders group by customer_id order by n desc limit 1')).rows as { id: string; n: number }[]);
    const midCustomer = seeded.customers[Math.floor(seeded.customers.length / 2)]!.id;
    const deepId = sqlite
      ? (sqlite.prepare('select id from orders order by id desc limit 1 offset ?').get(Math.floor(ORDERS / 2)) as { id: string }).id
      : ((await pgClient!.query('select id from orders order by id desc limit 1 offset $1', [Math.floor(ORDERS / 2)])).rows[0] as { id: string }).id;
    const today = new Date().toISOString().slice(0, 10);

    const lists: [string, Record<string, string>][] = [
      ['first page (newest)', {}],
      ['status=placed', { status: 'placed' }],
      ['status=on_hold', { status: 'on_hold' }],
      [`customer with most orders (${int(bigCustomer.n)})`, { customerId: bigCustomer.id }],
      ['customer, median', { customerId: midCustomer }],
      ['sort=priority', { sort: 'priority' }],
      ['sort=priority, status=confirmed', { sort: 'priority', status: 'confirmed' }],
      [`cursor page at row ${int(Math.floor(ORDERS / 2))}`, { cursor: encodeCursor(JSON.stringify([deepId])) }],
      ['overdue=true', { overdue: 'true' }],
      ['from/to one week, a year ago', { from: new Date(Date.now() - 365 * DAY).toISOString().slice(0, 10), to: new Date(Date.now() - 358 * DAY).toISOString().slice(0, 10) }],
    ];

    async function time(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<Summary> {
      const warmEnd = nowMs() + BUDGET_MS / 10;
      for (let i = 0; i < Math.min(50, n) && nowMs() < warmEnd; i++) await fn(i);
      const out: number[] = [];
      const end = nowMs() + BUDGET_MS;
      for (let i = 0; i < n && nowMs() < end; i++) {
        const t = nowMs();
        await fn(i);
        out.push(nowMs() - t);
      }
      return summarise(out);
    }
    const prepared = new Map<string, BetterSqlite3.Statement>();
    const prepare = (text: string) => prepared.get(text) ?? prepared.set(text, sqlite!.prepare(text)).get(text)!;
    const runRaw = async (statements: CompiledQuery[], swap?: [string, string]) => {
      for (const s of statements) {
        const params = swap ? (s.parameters as unknown[]).map((p) => (p === swap[0] ? swap[1] : p)) : (s.parameters as unknown[]);
        if (sqlite) prepare(s.sql).all(...params);
        else await pgClient!.query(s.sql, params);
      }
    };
    const explain = async (label: string, statements: CompiledQuery[]) => {
      if (!args.explain) return;
      for (const s of statements) {
        const plan = sqlite
          ? sqlite.prepare(`explain query plan ${s.sql}`).all(...(s.parameters as unknown[])).map((r) => (r as { detail: string }).detail).join(' | ')
          : (await pgClient!.query(`explain (analyze, costs off) ${s.sql}`, s.parameters as unknown[])).rows.map((r) => (r as Record<string, string>)['QUERY PLAN']).join('\n    ');
        log(`${label}\n  ${s.sql}\n    ${plan}`);
      }
    };

    const rows: Row[] = [];
    for (const [label, query] of lists) {
      const path = `/api/v1/orders?${new URLSearchParams(query).toString()}`;
      const check = await client.send({ method: 'GET', path, headers });
      if (check.status !== 200) throw new Error(`${label}: ${check.status} ${check.body}`);
      const found = (JSON.parse(check.body) as { data: unknown[] }).data.length;
      const http = await time(ITERATIONS, () => client.send({ method: 'GET', path, headers }));
      captured.length = 0;
      const r = await listOrders(logging, OrderListQuery.parse(query), today);
      if (!r.ok) throw new Error(`${label}: ${JSON.stringify(r.error)}`);
      const statements = [...captured];
      await explain(label, statements);
      const raw = await time(ITERATIONS, () => runRaw(statements));
      rows.push({ label: `GET /orders ${label}`, rows: found, statements: statements.length, http, raw });
      log(`  ${label}: HTTP p50 ${ms(http.p50)} p99 ${ms(http.p99)} ms; raw p50 ${ms(raw.p50)} p99 ${ms(raw.p99)} ms; server RSS ${server.rss().rssMb.toFixed(0)} MB (peak so far ${server.rss().peakMb.toFixed(0)})`);
    }
    {
      const ids = load.sampleIds;
      const pickId = (i: number) => ids[(i * 7919) % ids.length]!;
      const http = await time(ITERATIONS, async (i) => {
        const res = await client.send({ method: 'GET', path: `/api/v1/orders/${pickId(i)}`, headers });
        if (res.status !== 200) throw new Error(`detail: ${res.status} ${res.body}`);
      });
      captured.length = 0;
      await getOrder(logging, ids[0]!);
      const statements = [...captured];
      await explain('detail', statements);
      const raw = await time(ITERATIONS, (i) => runRaw(statements, [ids[0]!, pickId(i + 1)]));
      rows.push({ label: 'GET /orders/{id} (random ids)', rows: 1, statements: statements.length, http, raw });
      log(`  detail: HTTP p50 ${ms(http.p50)} p99 ${ms(http.p99)} ms; raw p50 ${ms(raw.p50)} p99 ${ms(raw.p99)} ms`);
    }
    const rssEnd = server.rss();
    await logging.destroy();
    await pgClient?.end();
    sqlite?.close();
    client.close();
    await server.stop();
    server = undefined;

    const worst = Math.max(...rows.map((r) => r.http.p99));
    const out = [
      `#### ${engineName(engine)}: order reads at ${int(ORDERS)} orders`,
      '',
      `${machineFacts(db)}. Server: a fresh \`ordercare serve\` process (${engine === 'sqlite' ? 'embedded outbox worker, idle' : 'WORKER=off'}); requests one at a time over loopback keep-alive; the bench process shares the CPUs.`,
      `${int(ORDERS)} orders and ${int(load.lines)} lines for ${int(seeded.customers.length)} customers (skewed), loaded in ${load.seconds.toFixed(0)} s; up to ${int(ITERATIONS)} timed requests per row (at most ${BUDGET_MS / 1000} s each side; "timed" = HTTP samples taken) after up to 50 warm-up ones. Limit 50 (the default); "SQL" = statements one request runs.`,
      '',
      '| request | rows | SQL | timed | HTTP p50 | HTTP p95 | HTTP p99 | raw p50 | raw p95 | raw p99 | HTTP/raw p50 |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.label} | ${r.rows} | ${r.statements} | ${r.http.count} | ${ms(r.http.p50)} | ${ms(r.http.p95)} | ${ms(r.http.p99)} | ${ms(r.raw.p50)} | ${ms(r.raw.p95)} | ${ms(r.raw.p99)} | ${(r.http.p50 / r.raw.p50).toFixed(1)}× |`),
      '',
      `Worst HTTP p99: ${ms(worst)} ms (target < 20 ms: ${worst < 20 ? 'met' : 'NOT met'}).`,
      `Server resident set: ${rssStart.rssMb.toFixed(0)} MB after start, ${rssEnd.rssMb.toFixed(0)} MB after the reads (peak ${rssEnd.peakMb.toFixed(0)} MB; target < 300 MB: ${rssEnd.peakMb < 300 ? 'met' : 'NOT met'}).`,
      '',
      `Command: \`${commandLine()}\` (total ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    ];
    process.stdout.write(`${out.join('\n')}\n\n`);
  } finally {
    await server?.stop();
    db.close();
  }
}

await main();
