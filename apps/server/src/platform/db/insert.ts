import { CompiledQuery, type Insertable } from 'kysely';
import type { Database, Executor } from './schema.js';

/** Statement texts by table, column list and row count. */
const texts = new Map<string, string>();
const MAX_TEXTS = 300;

/** Whether a value binds as a statement parameter as it is. */
export const isParameter = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v instanceof Uint8Array;

/**
 * `insert into <table> (…) values (…), …` for the hot paths (an order writes eight tables).
 * Building and compiling an insert with Kysely costs more CPU than SQLite takes to run it, and
 * the text only depends on the table, the columns and the number of rows; so the text Kysely
 * compiles the first time is kept, and later rows of the same shape only bind their values. Rows
 * whose values are not all plain (a `sql` expression, `undefined`) take Kysely's usual path.
 */
/** Resolves to the number of rows inserted (fewer than given when `ignoreConflictOn` skipped some). */
export async function insertRows<T extends keyof Database & string>(
  db: Executor,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: { ignoreConflictOn?: keyof Database[T] & string } = {},
): Promise<bigint> {
  const build = () => {
    const insert = db.insertInto(table).values(rows as never);
    const column = options.ignoreConflictOn;
    return column === undefined ? insert : insert.onConflict((oc) => oc.column(column as never).doNothing());
  };
  const first = rows[0];
  if (first === undefined) return 0n;
  const columns = Object.keys(first);
  const parameters: unknown[] = [];
  for (const row of rows) {
    const keys = Object.keys(row);
    let plain = keys.length === columns.length;
    for (let i = 0; plain && i < columns.length; i++) {
      const value = (row as Record<string, unknown>)[columns[i]!];
      plain = keys[i] === columns[i] && isParameter(value);
      parameters.push(value);
    }
    if (!plain) return affected(await build().executeTakeFirst());
  }
  const key = `${table}\u0000${options.ignoreConflictOn ?? ''}\u0000${rows.length}\u0000${columns.join('\u0000')}`;
  let text = texts.get(key);
  if (text === undefined) {
    const compiled = build().compile();
    // Every value must have become a parameter, in row order, or the text cannot be reused.
    if (compiled.parameters.length !== parameters.length || compiled.parameters.some((p, i) => p !== parameters[i])) {
      return affected(await db.executeQuery(compiled));
    }
    text = compiled.sql;
    if (texts.size >= MAX_TEXTS) texts.clear();
    texts.set(key, text);
  }
  return affected(await db.executeQuery(CompiledQuery.raw(text, parameters)));
}

const affected = (r: { numInsertedOrUpdatedRows?: bigint | undefined; numAffectedRows?: bigint | undefined }) => r.numAffectedRows ?? r.numInsertedOrUpdatedRows ?? 0n;
