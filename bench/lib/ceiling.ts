/**
 * The engine ceiling: how many order-shaped transactions per second the raw database commits with
 * the app's durability settings, driven directly (better-sqlite3 / pg, prepared statements, no
 * HTTP, no ORM). One transaction = what the issue names as the core of a placement:
 *   - a guarded stock reservation per line: UPDATE … SET reserved = reserved + q
 *     WHERE product AND warehouse AND on_hand - reserved >= q (must hit one row)
 *   - the order row (same width as the app's: JSON address and terms) and 1–3 line rows
 *   - one outbox row, one idempotency row (with a stored response body of the app's size)
 * with indexes like the app's on those tables. The app does more per order (order event, audit
 * row, stock movement and reservation rows, the order-number counter): the HTTP/engine ratio
 * includes that work on purpose.
 */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { newId } from '../../apps/server/src/platform/ids.js';
import { nowMs, summarise, type Summary } from './stats.js';

export interface CeilingResult {
  concurrency: number;
  seconds: number;
  orders: number;
  rate: number;
  latency: Summary;
}

export interface OrderShape {
  customerId: string;
  lines: { productId: string; sku: string; quantity: number; unitPrice: number }[];
}

const DDL = (bigint: string) => [
  `create table stock (product_id text not null, warehouse_id text not null, on_hand ${bigint} not null, reserved ${bigint} not null, updated_at text not null, primary key (product_id, warehouse_id))`,
  `create table orders (id text primary key, number text not null unique, status text not null, customer_id text not null, customer_name text not null, currency text not null, total ${bigint} not null, priority_rank integer not null, due_date text not null, payment_terms text not null, shipping_address text not null, version integer not null, created_at text not null, updated_at text not null)`,
  'create index orders_customer on orders (customer_id, id)',
  'create index orders_status on orders (status, id)',
  'create index orders_priority on orders (priority_rank, id)',
  'create index orders_due on orders (due_date, status)',
  `create table order_lines (id text primary key, order_id text not null references orders (id), position integer not null, product_id text not null, sku text not null, quantity ${bigint} not null, unit_price ${bigint} not null, total ${bigint} not null)`,
  'create index order_lines_order on order_lines (order_id, position)',
  'create table outbox (id text primary key, type text not null, aggregate_type text not null, aggregate_id text not null, payload text not null, dedupe_key text unique, status text not null, attempts integer not null default 0, available_at text not null, created_at text not null)',
  'create index outbox_due on outbox (status, available_at)',
  'create index outbox_aggregate on outbox (aggregate_type, aggregate_id, id)',
  'create table idempotency_keys (scope text not null, key text not null, request_hash text not null, status_code integer not null, response_body text not null, created_at text not null, primary key (scope, key))',
  'create index idempotency_keys_created on idempotency_keys (created_at)',
];

const SQL = {
  reserve: 'update stock set reserved = reserved + $1, updated_at = $2 where product_id = $3 and warehouse_id = $4 and on_hand - reserved >= $1',
  order: 'insert into orders (id, number, status, customer_id, customer_name, currency, total, priority_rank, due_date, payment_terms, shipping_address, version, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)',
  line: 'insert into order_lines (id, order_id, position, product_id, sku, quantity, unit_price, total) values ($1, $2, $3, $4, $5, $6, $7, $8)',
  outbox: 'insert into outbox (id, type, aggregate_type, aggregate_id, payload, dedupe_key, status, available_at, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
  idem: 'insert into idempotency_keys (scope, key, request_hash, status_code, response_body, created_at) values ($1, $2, $3, $4, $5, $6)',
};
/** `$n` placeholders → `?`, with the argument order they need. */
function sqliteStatement(db: BetterSqlite3.Database, text: string) {
  const order: number[] = [];
  const stmt = db.prepare(text.replace(/\$(\d+)/g, (_, n: string) => (order.push(Number(n) - 1), '?')));
  return { run: (...args: readonly unknown[]) => stmt.run(...order.map((i) => args[i])) };
}

const ADDRESS = JSON.stringify({ name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' });
const TERMS = JSON.stringify({ method: 'prepaid' });
const HASH = 'f'.repeat(64);
/** About the size of the app's stored 201 body for a 2-line order. */
const RESPONSE = JSON.stringify({ pad: 'x'.repeat(1800) });

/** Unique across runs on the same database (order numbers and idempotency keys). */
let sequence = 0;

function rows(shape: OrderShape) {
  const seq = sequence++;
  const now = new Date().toISOString();
  const id = newId('ord');
  const lines = shape.lines.map((l, i) => [newId('oln'), id, i, l.productId, l.sku, l.quantity, l.unitPrice, l.quantity * l.unitPrice] as const);
  const total = lines.reduce((s, l) => s + l[7], 0);
  const number = `SO-2026-${String(seq).padStart(7, '0')}`;
  const payload = JSON.stringify({ orderId: id, customerId: shape.customerId, number, status: 'placed', total, currency: 'CNY', channel: 'api', priority: 'normal', actor: { type: 'api_key', id: 'key_bench' } });
  return {
    now,
    order: [id, number, 'placed', shape.customerId, 'Bench Customer Ltd', 'CNY', total, 1, '2026-12-01', TERMS, ADDRESS, 1, now, now] as const,
    lines,
    outbox: [newId('evt'), 'order.placed', 'order', id, payload, null, 'pending', now, now] as const,
    idem: ['api_key:key_bench POST /api/v1/orders', `ceiling-${process.pid}-${seq}`, HASH, 201, RESPONSE, now] as const,
  };
}

/** One order-shaped transaction, committed with the engine's durability, by the raw driver. */
type Transaction = (shape: OrderShape) => void | Promise<void>;

/**
 * SQLite: one connection, the app's pragmas, BEGIN IMMEDIATE … COMMIT per order. Opens (and on
 * first use creates) the ceiling's tables in `file`; `close()` when done.
 */
export function sqliteEngine(file: string, products: readonly { id: string; sku: string }[]) {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  for (const s of DDL('integer')) db.exec(s.replace(/^create (table|index) /, 'create $1 if not exists '));
  const insertStock = db.prepare('insert or ignore into stock values (?, ?, ?, 0, ?)');
  db.transaction(() => products.forEach((p) => insertStock.run(p.id, 'whs_bench', 1e12, new Date().toISOString())))();
  const st = Object.fromEntries(Object.entries(SQL).map(([k, v]) => [k, sqliteStatement(db, v)])) as Record<keyof typeof SQL, ReturnType<typeof sqliteStatement>>;
  const begin = db.prepare('begin immediate');
  const commit = db.prepare('commit');
  const run: Transaction = (shape) => {
    const r = rows(shape);
    begin.run();
    for (const l of [...shape.lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
      if (st.reserve.run(l.quantity, r.now, l.productId, 'whs_bench').changes !== 1) throw new Error('stock guard refused');
    }
    st.order.run(...r.order);
    for (const l of r.lines) st.line.run(...l);
    st.outbox.run(...r.outbox);
    st.idem.run(...r.idem);
    commit.run();
  };
  return {
    /** Back to back on the one connection for `seconds`. */
    closed(next: (i: number) => OrderShape, seconds: number): CeilingResult {
      const latencies: number[] = [];
      const start = nowMs();
      const end = start + seconds * 1000;
      for (let i = 0; nowMs() < end; i++) {
        const t = nowMs();
        run(next(i));
        latencies.push(nowMs() - t);
      }
      const elapsed = (nowMs() - start) / 1000;
      return { concurrency: 1, seconds: elapsed, orders: latencies.length, rate: latencies.length / elapsed, latency: summarise(latencies) };
    },
    /** At a fixed offered rate (see `rawOpenLoop`); the one connection runs them in turn. */
    open: (next: (i: number) => OrderShape, rate: number, seconds: number) => rawOpenLoop(1, (i) => run(next(i)), rate, seconds),
    close: () => db.close(),
  };
}

/**
 * The raw engine at a fixed offered rate: transaction i is due at start + i / rate and its latency
 * counts from then (no coordinated omission), as the HTTP open loop counts. At most `slots` run at
 * once (connections); the others wait their turn. Run beside the app's open-loop step, it shows
 * how much of the app's tail the engine and the disk put there on their own.
 */
export async function rawOpenLoop(slots: number, run: (i: number) => void | Promise<void>, rate: number, seconds: number): Promise<CeilingResult> {
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const waiting: number[] = [];
  let busy = 0;
  let next = 0;
  const start = nowMs() + 5;
  await new Promise<void>((resolve, reject) => {
    const dispatch = () => {
      while (busy < slots && waiting.length > 0) {
        const i = waiting.shift()!;
        busy++;
        Promise.resolve()
          .then(() => run(i))
          .then(() => {
            latencies.push(nowMs() - (start + i * interval));
            busy--;
            if (latencies.length === total) resolve();
            else setImmediate(dispatch);
          }, reject);
      }
    };
    const tick = () => {
      const now = nowMs();
      while (next < total && start + next * interval <= now) waiting.push(next++);
      dispatch();
      if (next >= total) return;
      const wait = start + next * interval - nowMs();
      if (wait < 1) setImmediate(tick);
      else setTimeout(tick, Math.max(0, wait - 0.5));
    };
    tick();
  });
  const elapsed = (nowMs() - start) / 1000;
  return { concurrency: slots, seconds: elapsed, orders: total, rate: total / elapsed, latency: summarise(latencies) };
}

/** PostgreSQL: a pool of `concurrency` connections, each running orders back to back. */
export async function postgresCeilingSetup(url: string, products: readonly { id: string; sku: string }[]): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (const s of DDL('bigint')) await c.query(s);
  const now = new Date().toISOString();
  for (const p of products) await c.query('insert into stock values ($1, $2, $3, 0, $4)', [p.id, 'whs_bench', 1e12, now]);
  await c.end();
}

/** One order-shaped transaction on a pooled connection. */
async function postgresTransaction(client: pg.PoolClient, shape: OrderShape): Promise<void> {
  const r = rows(shape);
  await client.query('begin');
  try {
    for (const l of [...shape.lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
      const u = await client.query({ name: 'reserve', text: SQL.reserve, values: [l.quantity, r.now, l.productId, 'whs_bench'] });
      if (u.rowCount !== 1) throw new Error('stock guard refused');
    }
    await client.query({ name: 'order', text: SQL.order, values: [...r.order] });
    for (const l of r.lines) await client.query({ name: 'line', text: SQL.line, values: [...l] });
    await client.query({ name: 'outbox', text: SQL.outbox, values: [...r.outbox] });
    await client.query({ name: 'idem', text: SQL.idem, values: [...r.idem] });
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
}

export async function postgresCeiling(url: string, next: (i: number) => OrderShape, concurrency: number, seconds: number): Promise<CeilingResult> {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  const latencies: number[] = [];
  let i = 0;
  const start = nowMs();
  const end = start + seconds * 1000;
  async function worker() {
    const client = await pool.connect();
    try {
      while (nowMs() < end) {
        const t = nowMs();
        await postgresTransaction(client, next(i++));
        latencies.push(nowMs() - t);
      }
    } finally {
      client.release();
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (nowMs() - start) / 1000;
  await pool.end();
  return { concurrency, seconds: elapsed, orders: latencies.length, rate: latencies.length / elapsed, latency: summarise(latencies) };
}

/** PostgreSQL at a fixed offered rate over a pool of `connections` (see `rawOpenLoop`). */
export async function postgresOpenLoop(url: string, next: (i: number) => OrderShape, connections: number, rate: number, seconds: number): Promise<CeilingResult> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
  try {
    return await rawOpenLoop(connections, async (i) => {
      const client = clients.pop()!;
      try {
        await postgresTransaction(client, next(i));
      } finally {
        clients.push(client);
      }
    }, rate, seconds);
  } finally {
    for (const c of clients) c.release();
    await pool.end();
  }
}
