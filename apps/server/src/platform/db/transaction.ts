import type { Result } from '../result.js';
import { isTransientConflict } from './dialect.js';
import { flushInserts, holdInserts, resolveSoon } from './insert-queue.js';
import type { Db, Tx } from './schema.js';

class Rollback<E> {
  constructor(readonly error: E) {}
}

const ATTEMPTS = 4;

/**
 * Thrown by a work that wants its whole transaction rolled back and run again from the start
 * (only when `transactionRun` says it runs inside `inTransaction`). `reserveStock` does, when its
 * first plan lost a guard to a concurrent transaction: starting over costs a round trip less on
 * every order than a savepoint before each plan would.
 */
export class RunAgain extends Error {
  constructor(reason: string) {
    super(`run the transaction again: ${reason}`);
  }
}

const runs = new WeakMap<object, number>();

/**
 * How often `inTransaction` ran a work again since the process started: `conflicts` after
 * PostgreSQL aborted it as a deadlock victim or serialization failure, `runAgain` when the work
 * asked to (`RunAgain`). Tests hold `conflicts` at zero where the lock order promises no cycle.
 */
export const transactionCounts = { conflicts: 0, runAgain: 0 };

/** Which run of `inTransaction`'s work `tx` belongs to (1, 2, …); undefined outside `inTransaction`. */
export const transactionRun = (tx: object): number | undefined => runs.get(tx);

/**
 * Runs `work` in one transaction. An `err` result rolls everything back and is returned as it is;
 * a thrown exception (a bug, a broken connection) rolls back and propagates. A transaction that
 * PostgreSQL aborted as a deadlock victim, or whose work threw `RunAgain`, is run again from the
 * start (work must only touch the database, which every command does: no I/O inside a transaction). Inserts are held and written
 * before COMMIT (`holdInserts`), and values taken with `valueSoon` are swapped into the result.
 */
export async function inTransaction<T, E>(db: Db, work: (tx: Tx) => Promise<Result<T, E>>): Promise<Result<T, E>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (tx) => {
        runs.set(tx, attempt);
        holdInserts(tx);
        const result = await work(tx);
        if (!result.ok) throw new Rollback(result.error);
        await flushInserts(tx);
        return resolveSoon(tx, result);
      });
    } catch (e) {
      if (e instanceof Rollback) return { ok: false, error: e.error as E };
      if (e instanceof RunAgain && attempt < ATTEMPTS) {
        transactionCounts.runAgain += 1;
        continue;
      }
      if (attempt < ATTEMPTS && isTransientConflict(e)) {
        transactionCounts.conflicts += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
        continue;
      }
      throw e;
    }
  }
}
