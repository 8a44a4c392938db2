import type { Executor } from './schema.js';

const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Reads `key` once per transaction: the outbox worker handles a batch of events in one
 * transaction, and every journey message of the batch reads the same company settings, rule,
 * template and webhook subscriptions (on PostgreSQL a round trip each, per event). Outside a
 * transaction it just loads. Only for rows the transaction itself does not change, and only in
 * the handlers' code paths: a command that writes settings must read them afresh.
 */
export function memoIn<T>(executor: Executor, key: string, load: () => Promise<T>): Promise<T> {
  if (!executor.isTransaction) return load();
  const memo = memos.get(executor) ?? new Map<string, Promise<unknown>>();
  memos.set(executor, memo);
  const known = memo.get(key) as Promise<T> | undefined;
  if (known) return known;
  const loading = load();
  memo.set(key, loading);
  loading.catch(() => memo.delete(key)); // a failed read is not remembered
  return loading;
}

/**
 * Stores rows read ahead for a whole outbox batch (`OutboxHandler.prepare`): `recall` then answers
 * the per-event reads of the same rows. Nothing is remembered outside a transaction. A row that
 * does not exist is remembered as `undefined` (its read is answered too).
 */
export function remember(executor: Executor, key: string, value: unknown): void {
  if (!executor.isTransaction) return;
  const memo = memos.get(executor) ?? new Map<string, Promise<unknown>>();
  memos.set(executor, memo);
  memo.set(key, Promise.resolve(value));
}

/** What `remember` (or `memoIn`) stored under `key` in this transaction; undefined when nothing was. */
export function recall<T>(executor: Executor, key: string): Promise<T> | undefined {
  return memos.get(executor)?.get(key) as Promise<T> | undefined;
}
