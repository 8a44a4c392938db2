import type { CompiledQuery, Insertable, Kysely } from 'kysely';
import { isPostgres } from './dialect.js';
import { insertRows } from './insert.js';
import type { Database, Executor } from './schema.js';

type Options = { ignoreConflictOn?: string | undefined };
type Group = { table: keyof Database & string; rows: Record<string, unknown>[]; options: Options; shape: string };

const queues = new WeakMap<object, Group[]>();

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
  queues.set(tx, []);
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
  if (!queue || queue.length === 0) return false;
  return queue.some((g) => {
    let pattern = mentions.get(g.table);
    if (!pattern) mentions.set(g.table, (pattern = new RegExp(`\\b${g.table}\\b`)));
    return pattern.test(text);
  });
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
  // Rows of one table with the same columns join one multi-row insert.
  const shape = `${table}\u0000${options.ignoreConflictOn ?? ''}\u0000${Object.keys(first).join('\u0000')}`;
  const group = queue.find((g) => g.shape === shape);
  if (group) group.rows.push(...(rows as Record<string, unknown>[]));
  else queue.push({ table, rows: [...(rows as Record<string, unknown>[])], options, shape });
}

/** Writes what `insertSoon` held in `db`'s transaction: one statement, or a few for very many rows. */
export async function flushInserts(db: Executor): Promise<void> {
  const queue = queues.get(db);
  if (!queue || queue.length === 0) return;
  queues.set(db, []);
  let statement: Group[] = [];
  let parameters = 0;
  for (const group of queue) {
    const size = group.rows.length * Object.keys(group.rows[0]!).length;
    if (statement.length > 0 && parameters + size > MAX_PARAMETERS) {
      await writeTogether(db, statement);
      statement = [];
      parameters = 0;
    }
    statement.push(group);
    parameters += size;
  }
  await writeTogether(db, statement);
}

async function writeTogether(db: Executor, groups: readonly Group[]): Promise<void> {
  const last = groups[groups.length - 1]!;
  if (groups.length === 1) {
    await insertRows(db, last.table, last.rows as never, last.options as never);
    return;
  }
  type Creator = Pick<Executor, 'insertInto'> & { with(name: string, cte: (creator: Creator) => unknown): Creator };
  const insert = (creator: Pick<Executor, 'insertInto'>, g: Group) => {
    const query = creator.insertInto(g.table).values(g.rows as never);
    const column = g.options.ignoreConflictOn;
    return column === undefined ? query : query.onConflict((oc) => oc.column(column as never).doNothing());
  };
  let creator = db as unknown as Creator;
  groups.slice(0, -1).forEach((g, i) => {
    creator = creator.with(`q${i}`, (c) => insert(c, g));
  });
  await insert(creator, last).execute();
}
