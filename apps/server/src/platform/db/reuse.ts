import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Executor } from './schema.js';

/** Statement texts by dialect and key. */
const texts = new Map<unknown, Map<string, string>>();
const MAX_TEXTS = 300;

/** How often a text was reused, and how often a first compile did not bind `parameters` as given (then nothing is kept). */
export const reuseCounts = { reused: 0, mismatched: 0 };

/**
 * Runs the query `build` makes, building and compiling it with Kysely only the first time for
 * `key` (per dialect): later calls bind `parameters` to the kept text. For the statements every
 * order runs (placement reads its customer, products and stock, updates stock levels and the
 * number counter; every request looks up its API key), where building and compiling cost about
 * as much CPU as SQLite takes to run them.
 *
 * `key` must name everything that shapes the text besides the values (e.g. how many SKUs an `in`
 * list has), and `parameters` must be the values the query binds, in the order of the text. The
 * first compile checks the latter: when its parameters differ, the query runs as compiled and no
 * text is kept (`reuseCounts.mismatched` counts it, and a test keeps it at zero).
 */
export async function runReused<R>(db: Executor, key: string, parameters: readonly unknown[], build: () => Compilable<R>): Promise<QueryResult<R>> {
  const dialect = db.getExecutor().adapter.constructor;
  let known = texts.get(dialect);
  if (!known) texts.set(dialect, (known = new Map()));
  const text = known.get(key);
  if (text !== undefined) {
    reuseCounts.reused += 1;
    return db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
  }
  const compiled = build().compile();
  if (compiled.parameters.length !== parameters.length || compiled.parameters.some((p, i) => p !== parameters[i])) {
    reuseCounts.mismatched += 1;
    return db.executeQuery<R>(compiled);
  }
  if (known.size >= MAX_TEXTS) known.clear();
  known.set(key, compiled.sql);
  return db.executeQuery<R>(compiled);
}
