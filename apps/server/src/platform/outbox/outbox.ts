import { holdsInserts, insertSoon } from '../db/insert-queue.js';
import { insertRows } from '../db/insert.js';
import type { Executor, OutboxTable } from '../db/schema.js';
import { newId } from '../ids.js';

export interface NewEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  /** Events with the same key are stored once (e.g. one overdue timer per invoice). */
  dedupeKey?: string;
}

/**
 * Records an event in the caller's transaction. It becomes visible to workers only when that
 * transaction commits, so a state change and its consequences are never separated by a crash.
 * Resolves to the event's id; when its dedupe key is already stored, to the stored event's id,
 * except in a transaction that holds its inserts (`holdInserts`), where the duplicate is only
 * dropped when they are written and the id returned is the one it was given.
 */
export async function emitEvent(tx: Executor, at: string, event: NewEvent): Promise<string> {
  return insertEvent(tx, at, at, event);
}

/** A timer is an event that becomes due later: the same table, with `available_at` in the future. */
export async function scheduleTimer(tx: Executor, at: string, dueAt: string, event: NewEvent & { dedupeKey: string }): Promise<string> {
  return insertEvent(tx, at, dueAt, event);
}

/** Cancels a pending timer (e.g. the payment arrived before the reminder was due). */
export async function cancelTimer(tx: Executor, dedupeKey: string): Promise<boolean> {
  const r = await tx.deleteFrom('outbox').where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').where('attempts', '=', 0).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

async function insertEvent(tx: Executor, at: string, dueAt: string, event: NewEvent): Promise<string> {
  const id = newId('evt');
  const row: OutboxTable = {
    id,
    type: event.type,
    aggregate_type: event.aggregateType,
    aggregate_id: event.aggregateId,
    payload: JSON.stringify(event.payload),
    dedupe_key: event.dedupeKey ?? null,
    status: 'pending',
    attempts: 0,
    last_error: null,
    available_at: dueAt,
    locked_by: null,
    locked_until: null,
    created_at: at,
    processed_at: null,
  };
  // Nothing reads the row back in the same transaction, so in a transaction that holds its inserts
  // it waits for the others (one statement on PostgreSQL); a duplicate dedupe key is dropped then.
  if (event.dedupeKey === undefined || holdsInserts(tx)) {
    await insertSoon(tx, 'outbox', [row], { ignoreConflictOn: 'dedupe_key' });
    return id;
  }
  const inserted = await insertRows(tx, 'outbox', [row], { ignoreConflictOn: 'dedupe_key' });
  if (inserted > 0n) return id;
  const existing = await tx.selectFrom('outbox').select('id').where('dedupe_key', '=', event.dedupeKey).executeTakeFirstOrThrow();
  return existing.id;
}
