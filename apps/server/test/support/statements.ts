import type { Kysely } from 'kysely';

/** The SQL text of every statement sent through `db` (and its transactions) while `work` runs; `work` sees the list grow. */
export async function countingStatements<T>(db: Kysely<never> | Kysely<unknown> | { getExecutor(): unknown }, work: (statements: readonly string[]) => Promise<T>): Promise<{ value: T; statements: string[] }> {
  const statements: string[] = [];
  type Executor = { executeQuery(q: { sql: string }, id: unknown): Promise<unknown> };
  // Transactions get executors of the same class, so patching the prototype sees their statements too.
  const proto = Object.getPrototypeOf(db.getExecutor()) as Executor;
  const original = proto.executeQuery;
  proto.executeQuery = function (this: Executor, q, id) {
    statements.push(q.sql);
    return original.call(this, q, id);
  };
  try {
    return { value: await work(statements), statements };
  } finally {
    proto.executeQuery = original;
  }
}
