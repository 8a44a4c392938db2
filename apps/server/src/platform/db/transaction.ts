import type { Result } from '../result.js';
import type { Db, Tx } from './schema.js';

class Rollback<E> {
  constructor(readonly error: E) {}
}

/**
 * Runs `work` in one transaction. An `err` result rolls everything back and is returned as it is;
 * a thrown exception (a bug, a broken connection) rolls back and propagates.
 */
export async function inTransaction<T, E>(db: Db, work: (tx: Tx) => Promise<Result<T, E>>): Promise<Result<T, E>> {
  try {
    return await db.transaction().execute(async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new Rollback(result.error);
      return result;
    });
  } catch (e) {
    if (e instanceof Rollback) return { ok: false, error: e.error as E };
    throw e;
  }
}
