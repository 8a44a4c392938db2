import type { CompiledQuery, Insertable, Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { isPostgres } from './dialect.js';
import { insertRows } from './insert.js';
import { writeTogether, type Group, type Late, type LateValue } from './insert-flush.js';
import type { Database, Executor } from './schema.js';

export type { LateSource, LateValue } from './insert-flush.js';

interface Queue {
  groups: Group[];
  /** Values not yet computed: they are written with the held rows. */
  lates: Late[];
  /** Values computed by an earlier flush of this transaction, by token. */
  known: Map<string, string>;
}

const queues = new WeakMap<object, Queue>();

/** PostgreSQL takes at most 65,535 parameters in one statement; a flush stays well below. */
const MAX_PARAMETERS = 30_000;

/**
 * Lets `insertSoon` hold rows in `tx` and write them together, in one statement made of
 * PostgreSQL's data-modifying CTEs (`with q0 as (insert …), q1 as (insert …) insert …`). On
 * PostgreSQL every statement is a round trip; placing an order writes eight tables, and the
 * outbox worker writes a few rows per event. SQLite runs statements in process, so it gets no
 * queue and `insertSoon` inserts at once.
 *
 * Held rows are written before any later statement of the transaction that names one of their
 * tables (so a read in the same transaction sees them, and a write meets them in order), and by
 * `flushInserts`, which the caller must run before COMMIT (`inTransaction` and the outbox worker
 * do). A transaction that rolls back drops its queue. Only transactions that called this defer
 * anything: everywhere else `insertSoon` is `insertRows`.
 */
export function holdInserts(tx: Executor): void {
  if (!isPostgres(tx as Kysely<unknown>) || queues.has(tx)) return;
  queues.set(tx, { groups: [], lates: [], known: new Map() });
  // Every statement of the transaction goes through its executor's executeQuery (query builders,
  // raw sql, db.executeQuery alike): look at each before it runs.
  const executor = tx.getExecutor() as unknown as { executeQuery(query: CompiledQuery, ...rest: unknown[]): Promise<unknown> };
  const run = executor.executeQuery.bind(executor);
  executor.executeQuery = async (query, ...rest) => {
    if (namesHeldTable(tx, query.sql)) await flushInserts(tx);
    return run(query, ...rest);
  };
}

const mentions = new Map<string, RegExp>();

function namesHeldTable(tx: Executor, text: string): boolean {
  const queue = queues.get(tx);
  if (!queue || (queue.groups.length === 0 && queue.lates.length === 0)) return false;
  const names = (table: string) => {
    let pattern = mentions.get(table);
    if (!pattern) mentions.set(table, (pattern = new RegExp(`\\b${table}\\b`)));
    return pattern.test(text);
  };
  return queue.groups.some((g) => names(g.table)) || queue.lates.some((l) => names(l.table));
}

/** Whether `insertSoon` holds rows in this transaction. */
export const holdsInserts = (tx: Executor): boolean => queues.has(tx);

/**
 * Inserts `rows`, now or (inside `holdInserts`) together with the transaction's other held rows.
 * For rows whose insert result nobody needs: the audit entry, the order and its lines, its history
 * row, ledger rows, outbox events, the idempotency record, timeline entries. A conflict not ignored
 * (a unique key) fails the write of the held rows, and with it the transaction.
 */
export async function insertSoon<T extends keyof Database & string>(
  db: Executor,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: { ignoreConflictOn?: keyof Database[T] & string } = {},
): Promise<void> {
  const queue = queues.get(db);
  if (!queue) {
    await insertRows(db, table, rows, options);
    return;
  }
  const first = rows[0];
  if (first === undefined) return;
  const held = queue.known.size === 0 ? (rows as Record<string, unknown>[]) : rows.map((r) => withKnown(queue.known, r as Record<string, unknown>));
  // Rows of one table with the same columns join one multi-row insert.
  const shape = `${table}\u0000${options.ignoreConflictOn ?? ''}\u0000${Object.keys(first).join('\u0000')}`;
  const group = queue.groups.find((g) => g.shape === shape);
  if (group) group.rows.push(...held);
  else queue.groups.push({ table, rows: [...held], options, shape });
}

/**
 * A text value that one statement computes, taken as late as possible: inside `holdInserts` on
 * PostgreSQL, `source` runs as a CTE of the statement that writes the held rows, and what is
 * returned now is a placeholder token to put into those rows (as a column value, or inside a
 * text such as a JSON payload); the flush writes the computed value in its place, and
 * `resolveSoon` swaps it into anything else built from it. Anywhere else this returns undefined
 * and the caller computes the value at once.
 *
 * For a value whose statement locks a contended row until COMMIT (the gap-free order number):
 * the lock is then held from the flush to COMMIT instead of across the round trips between.
 * `source` must return exactly one row with a text column `value`; a later statement naming
 * `table` writes the held rows (and takes the value) first, as for held inserts.
 */
export function valueSoon(db: Executor, value: LateValue): string | undefined {
  const queue = queues.get(db);
  if (!queue) return undefined;
  const token = `~soon-${randomBytes(12).toString('hex')}~`;
  queue.lates.push({ ...value, token });
  return token;
}

/**
 * `value` with the placeholders of `valueSoon` replaced by what the flush computed (strings,
 * and strings inside arrays and plain objects). `inTransaction` does it for its work's result.
 */
export function resolveSoon<T>(db: Executor, value: T): T {
  const known = queues.get(db)?.known;
  return known === undefined || known.size === 0 ? value : (swapKnown(known, value) as T);
}

function swapKnown(known: ReadonlyMap<string, string>, value: unknown): unknown {
  if (typeof value === 'string') return replaceTokens(known, value);
  if (Array.isArray(value)) return value.map((v) => swapKnown(known, v));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swapKnown(known, v)]));
  }
  return value;
}

function replaceTokens(known: ReadonlyMap<string, string>, text: string): string {
  if (!text.includes('~soon-')) return text;
  let out = text;
  for (const [token, value] of known) out = out.replaceAll(token, value);
  return out;
}

function withKnown(known: ReadonlyMap<string, string>, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(row)) {
    const v = row[key];
    out[key] = typeof v === 'string' ? replaceTokens(known, v) : v;
  }
  return out;
}

/** Writes what `insertSoon` held in `db`'s transaction: one statement, or a few for very many rows. */
export async function flushInserts(db: Executor): Promise<void> {
  const queue = queues.get(db);
  if (!queue || (queue.groups.length === 0 && queue.lates.length === 0)) return;
  const { groups, lates } = queue;
  queue.groups = [];
  queue.lates = [];
  // The values come with the first statement; rows of later ones (a very large flush) get them
  // swapped in here.
  let statement: Group[] = [];
  let parameters = 0;
  let first = true;
  const write = async () => {
    const rows = first ? statement : statement.map((g) => ({ ...g, rows: g.rows.map((r) => withKnown(queue.known, r)) }));
    const values = await writeTogether(db, rows, first ? lates : []);
    if (first) lates.forEach((l, i) => queue.known.set(l.token, values[i]!));
    first = false;
  };
  for (const group of groups) {
    const size = group.rows.length * Object.keys(group.rows[0]!).length;
    if (statement.length > 0 && parameters + size > MAX_PARAMETERS) {
      await write();
      statement = [];
      parameters = 0;
    }
    statement.push(group);
    parameters += size;
  }
  await write();
}
