import { CompiledQuery, sql, type Insertable, type Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { isPostgres } from './dialect.js';
import { insertRows } from './insert.js';
import type { Database, Executor } from './schema.js';

type Options = { ignoreConflictOn?: string | undefined };
type Group = { table: keyof Database & string; rows: Record<string, unknown>[]; options: Options; shape: string };
/** A statement whose one `value` column the held rows use (see `valueSoon`). */
export type LateSource = (creator: Pick<Executor, 'insertInto' | 'updateTable' | 'selectFrom'>) => { compile(): unknown };
/** What `valueSoon` takes: see there. */
export interface LateValue {
  /** The table `source` writes. */
  table: keyof Database & string;
  /** Names the statement's text, which must depend on nothing but `key`. */
  key: string;
  /** `source`'s parameters, in the order its compiled text binds them. */
  parameters: readonly unknown[];
  source: LateSource;
}
type Late = LateValue & { token: string };
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
    lates.forEach((l, i) => queue.known.set(l.token, values[i]!));
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

type Creator = Pick<Executor, 'insertInto' | 'updateTable' | 'selectFrom' | 'selectNoFrom'> & { with(name: string, cte: (creator: Creator) => unknown): Creator };

/** Statement texts of flushes by their shape (see `shapeOf`); like `insertRows`, a flush of a known shape only binds its values. */
const flushTexts = new Map<string, string>();
const MAX_FLUSH_TEXTS = 300;
/** For tests: flushes of several groups that bound a kept text, and that Kysely compiled. */
export const flushCounts = { reused: 0, compiled: 0 };

const isParameter = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v instanceof Uint8Array;

/**
 * The shape of a flush (what its text depends on: the values' keys, each group's table, columns,
 * conflict option and row count, and which values hold which placeholders) and its parameters in
 * the order the compiled text binds them; undefined when a value is not a plain parameter.
 */
function shapeOf(groups: readonly Group[], lates: readonly Late[]): { key: string; parameters: unknown[] } | undefined {
  const parameters: unknown[] = [];
  const key: string[] = [];
  for (const l of lates) {
    key.push(l.key);
    parameters.push(...l.parameters);
  }
  for (const g of groups) {
    key.push(g.shape, String(g.rows.length));
    const columns = Object.keys(g.rows[0]!);
    g.rows.forEach((row, r) => {
      const keys = Object.keys(row);
      if (keys.length !== columns.length) parameters.push(undefined); // cannot be reused
      columns.forEach((column, c) => {
        const v = row[column];
        if (keys[c] !== column || !isParameter(v)) parameters.push(undefined, undefined); // cannot be reused
        parameters.push(v);
        if (lates.length > 0 && typeof v === 'string' && v.includes('~soon-')) {
          lates.forEach((l, i) => {
            if (!v.includes(l.token)) return;
            key.push(`${r}.${c}>${i}`);
            parameters.push(l.token);
          });
        }
      });
    });
  }
  return parameters.includes(undefined) ? undefined : { key: key.join('\u0001'), parameters };
}

/** One statement: the late values' CTEs, then the groups' inserts; resolves to the late values. */
async function writeTogether(db: Executor, groups: readonly Group[], lates: readonly Late[]): Promise<string[]> {
  const last = groups[groups.length - 1];
  if (lates.length === 0 && last !== undefined && groups.length === 1) {
    await insertRows(db, last.table, last.rows as never, last.options as never);
    return [];
  }
  const shape = shapeOf(groups, lates);
  const known = shape && flushTexts.get(shape.key);
  let result: { rows: unknown[] };
  if (shape && known !== undefined) {
    flushCounts.reused += 1;
    result = await db.executeQuery(CompiledQuery.raw(known, shape.parameters));
  } else {
    flushCounts.compiled += 1;
    const compiled = build(db, groups, lates).compile();
    // Reused only when every value became a parameter where shapeOf put it.
    if (shape && compiled.parameters.length === shape.parameters.length && compiled.parameters.every((p, i) => p === shape.parameters[i])) {
      if (flushTexts.size >= MAX_FLUSH_TEXTS) flushTexts.clear();
      flushTexts.set(shape.key, compiled.sql);
    }
    result = await db.executeQuery(compiled);
  }
  if (lates.length === 0) return [];
  const row = result.rows[0] as Record<string, unknown> | undefined;
  return lates.map((_, i) => {
    const value = row?.[`soon${i}`];
    if (typeof value !== 'string') throw new Error(`a value taken with valueSoon came back as ${String(value)}: its statement must return one row with a text column "value"`);
    return value;
  });
}

/**
 * `with "soon0" as (<source>), …, "q0" as (insert …), … insert …`, or with values, every insert a
 * CTE (PostgreSQL runs each exactly once, read or not) and `select` of the values last. A value
 * holding a placeholder becomes `replace(value, token, (select value from "soonN"))`.
 */
function build(db: Executor, groups: readonly Group[], lates: readonly Late[]) {
  const names = lates.map((_, i) => `soon${i}`);
  const rowsOf = (g: Group) => {
    if (lates.length === 0) return g.rows;
    return g.rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(row)) {
        let value: unknown = v;
        if (typeof v === 'string' && v.includes('~soon-')) {
          lates.forEach((l, i) => {
            if (v.includes(l.token)) value = sql`replace(${value}, ${l.token}, (select value from ${sql.table(names[i]!)}))`;
          });
        }
        out[key] = value;
      }
      return out;
    });
  };
  const insert = (creator: Pick<Executor, 'insertInto'>, g: Group) => {
    const query = creator.insertInto(g.table).values(rowsOf(g) as never);
    const column = g.options.ignoreConflictOn;
    return column === undefined ? query : query.onConflict((oc) => oc.column(column as never).doNothing());
  };
  let creator = db as unknown as Creator;
  lates.forEach((l, i) => {
    creator = creator.with(names[i]!, (c) => l.source(c));
  });
  if (lates.length === 0) {
    groups.slice(0, -1).forEach((g, i) => {
      creator = creator.with(`q${i}`, (c) => insert(c, g));
    });
    return insert(creator, groups[groups.length - 1]!);
  }
  groups.forEach((g, i) => {
    creator = creator.with(`q${i}`, (c) => insert(c, g));
  });
  return creator.selectNoFrom(names.map((n) => sql<string>`(select value from ${sql.table(n)})`.as(n)) as never);
}
