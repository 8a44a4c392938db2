/**
 * What one order costs in statements: places orders through the app (in process, `app.inject`,
 * no HTTP socket), then lets the outbox worker handle their events, timing every SQL statement
 * by its text. Shows how many statements each side runs per order and where the database time
 * goes (on SQLite the COMMIT is the fsync; on PostgreSQL every statement is a round trip).
 *
 *   npx tsx bench/statement-costs.ts [--db sqlite|postgres] [--orders 500] [--concurrency 1] [--top 25]
 *
 * With --concurrency above 1, requests are sent in waves of that size, as concurrent clients
 * would; the worker then runs alongside (embedded), as `serve` runs it on SQLite.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createRuntime } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { benchDatabase, type Engine } from './lib/process.js';
import { DELIVERY_DATE, seed } from './lib/seed.js';
import { int, log } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    orders: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '1' },
    top: { type: 'string', default: '25' },
  },
});
const engine: Engine = args.db === 'postgres' ? 'postgres' : 'sqlite';
const N = Number(args.orders);
const C = Number(args.concurrency);

type Cost = { n: number; ms: number };
let costs = new Map<string, Cost>();
const record = (text: string, started: number) => {
  const c = costs.get(text) ?? { n: 0, ms: 0 };
  c.n += 1;
  c.ms += performance.now() - started;
  costs.set(text, c);
};

// Time every statement where the driver runs it.
if (engine === 'sqlite') {
  const proto = BetterSqlite3.prototype as unknown as { prepare(this: BetterSqlite3.Database, text: string): BetterSqlite3.Statement };
  const prepare = proto.prepare;
  proto.prepare = function (text: string) {
    const stmt = prepare.call(this, text) as unknown as Record<'run' | 'all' | 'get', (...a: unknown[]) => unknown>;
    for (const m of ['run', 'all', 'get'] as const) {
      const f = stmt[m].bind(stmt);
      stmt[m] = (...a: unknown[]) => {
        const t = performance.now();
        try {
          return f(...a);
        } finally {
          record(text, t);
        }
      };
    }
    return stmt as unknown as BetterSqlite3.Statement;
  };
} else {
  const proto = pg.Client.prototype as unknown as { query(...a: unknown[]): unknown };
  const query = proto.query;
  proto.query = function (this: pg.Client, ...a: unknown[]) {
    const first = a[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : (first.text ?? '?');
    const t = performance.now();
    const r = query.apply(this, a);
    if (r instanceof Promise) return r.then((v: unknown) => (record(text, t), v));
    return r;
  };
}

/** Bytes and write calls this process made so far (Linux): SQLite's WAL frames and checkpoints. */
function written(): { bytes: number; calls: number } | undefined {
  try {
    const io = Object.fromEntries(fs.readFileSync('/proc/self/io', 'utf8').trim().split('\n').map((l) => l.split(': ') as [string, string]));
    return { bytes: Number(io.wchar), calls: Number(io.syscw) };
  } catch {
    return undefined;
  }
}

function writes(before: ReturnType<typeof written>): string {
  const after = written();
  if (engine !== 'sqlite' || !before || !after) return '';
  return ` The process wrote ${((after.bytes - before.bytes) / N / 1024).toFixed(1)} KiB per order in ${((after.calls - before.calls) / N).toFixed(1)} write calls (WAL frames and checkpoints).`;
}

function report(title: string, wallMs: number, top: number, io = ''): string[] {
  const rows = [...costs.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((s, [, c]) => s + c.ms, 0);
  const count = rows.reduce((s, [, c]) => s + c.n, 0);
  return [
    `**${title}**: ${(wallMs / N).toFixed(2)} ms of wall time per order, ${(total / N).toFixed(2)} ms of it in ${(count / N).toFixed(1)} statements.${io}`,
    '',
    '| statement | per order | µs each | µs per order |',
    '|---|---:|---:|---:|',
    ...rows.slice(0, top).map(([text, c]) => `| \`${text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 90)}\` | ${(c.n / N).toFixed(2)} | ${((c.ms / c.n) * 1000).toFixed(0)} | ${((c.ms / N) * 1000).toFixed(0)} |`),
    '',
  ];
}

const db = await benchDatabase(engine);
try {
  const rt = await createRuntime(loadConfig({ DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, LOG_LEVEL: 'silent', WORKER: 'off' }), { embeddedWorker: false });
  const seeded = await seed(rt, { products: 200, customers: 200, stock: 1_000_000_000 });
  await rt.worker.drain();
  const place = async (i: number) => {
    const body = {
      customerId: seeded.customers[i % seeded.customers.length]!.id,
      currency: 'CNY',
      lines: [{ sku: seeded.skus[i % seeded.skus.length]!, quantity: 2 }, { sku: seeded.skus[(i + 7) % seeded.skus.length]!, quantity: 1 }],
      shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' },
      requestedDeliveryDate: DELIVERY_DATE,
      priority: 'normal',
    };
    const r = await rt.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { authorization: `Bearer ${seeded.token}`, 'idempotency-key': `cost-${i}` }, payload: body });
    if (r.statusCode !== 201) throw new Error(`order ${i}: ${r.statusCode} ${r.body}`);
  };
  costs = new Map();
  if (C > 1) rt.worker.start();
  const t0 = performance.now();
  const io0 = written();
  for (let i = 0; i < N; i += C) await Promise.all(Array.from({ length: Math.min(C, N - i) }, (_, k) => place(i + k)));
  const placing = performance.now() - t0;
  const placedIo = writes(io0);
  const io1 = written();
  const placed = costs;
  costs = new Map();
  const t1 = performance.now();
  if (C > 1) await rt.worker.stop();
  await rt.worker.drain();
  const working = performance.now() - t1;
  const workedIo = writes(io1);
  const worked = costs;
  const top = Number(args.top);
  costs = placed;
  const out = [`#### ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: statements per order (${int(N)} orders, ${C === 1 ? 'one at a time' : `waves of ${C}, worker alongside`})`, '', ...report(C === 1 ? 'Placement' : 'Placement and the worker alongside', placing, top, placedIo)];
  costs = worked;
  out.push(...report(C === 1 ? 'The worker afterwards (every event of those orders)' : 'The worker finishing what was left', working, top, workedIo));
  out.push(`Command: \`npx tsx bench/statement-costs.ts ${process.argv.slice(2).join(' ')}\``);
  process.stdout.write(`${out.join('\n')}\n`);
  await rt.close();
} finally {
  db.close();
}
log('done');
