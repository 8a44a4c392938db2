import { sql } from 'kysely';
import { addMs } from '../clock.js';
import type { DialectOps } from '../db/dialect.js';
import type { Db, Tx } from '../db/schema.js';
import type { OutboxEventRecord } from './handler.js';

/**
 * The worker's own statements on the outbox table (worker.ts): claiming due events under a lease,
 * and settling them. A lease (`locked_by`, `locked_until`) lets any number of workers run: an
 * event is claimed by one at a time, and a crashed worker's events are claimed again after it.
 * Settling only touches events this worker still holds (`locked_by`), so a worker whose lease ran
 * out cannot overwrite the outcome of the one that claimed the event after it.
 */

/** The wait before retry `attempt + 1`: doubling from 2 s, at most an hour, ±20 % so retries spread. */
export function backoffMs(attempt: number): number {
  const base = Math.min(2000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Claims up to `limit` due events for `workerId` until `now + leaseMs` (PostgreSQL: FOR UPDATE
 * SKIP LOCKED, so concurrent workers claim different events), oldest first. `untried`: the ids
 * of those never tried before (no attempt, no error), which no handler can have marked yet.
 */
export async function claimDue(
  tx: Tx,
  ops: DialectOps,
  claim: { now: string; limit: number; workerId: string; leaseMs: number },
): Promise<{ events: OutboxEventRecord[]; untried: string[] }> {
  const { now, limit, workerId, leaseMs } = claim;
  const due = await ops
    .forUpdateSkipLocked(
      tx
        .selectFrom('outbox')
        .selectAll()
        .where('status', '=', 'pending')
        .where('available_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .orderBy('available_at')
        .orderBy('id')
        .limit(limit),
    )
    .execute();
  if (due.length === 0) return { events: [], untried: [] };
  await tx
    .updateTable('outbox')
    .set({ locked_by: workerId, locked_until: addMs(now, leaseMs), attempts: sql`attempts + 1` })
    .where('id', 'in', due.map((r) => r.id))
    .execute();
  const events = due.map((r) => ({
    id: r.id,
    type: r.type,
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    attempt: r.attempts + 1,
    createdAt: r.created_at,
  }));
  return { events, untried: due.filter((r) => r.attempts === 0 && r.last_error === null).map((r) => r.id) };
}

/** Marks the events `ids` that `workerId` holds done. */
export async function settleDone(executor: Db | Tx, ids: readonly string[], workerId: string, now: string): Promise<void> {
  if (ids.length === 0) return;
  await executor
    .updateTable('outbox')
    .set({ status: 'done', processed_at: now, locked_by: null, locked_until: null, last_error: null })
    .where('id', 'in', ids)
    .where('locked_by', '=', workerId)
    .execute();
}

/**
 * Records `error` on `event` (held by `workerId`) and releases it: due again after `backoffMs`,
 * or `failed` for good (`forGood`, the last attempt), when only staff can requeue it.
 */
export async function settleFailed(tx: Tx, event: OutboxEventRecord, error: unknown, settle: { workerId: string; now: string; forGood: boolean }): Promise<void> {
  const { workerId, now, forGood } = settle;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  await tx
    .updateTable('outbox')
    .set({
      status: forGood ? 'failed' : 'pending',
      last_error: message.slice(0, 2000),
      available_at: forGood ? now : addMs(now, backoffMs(event.attempt)),
      locked_by: null,
      locked_until: null,
    })
    .where('id', '=', event.id)
    .where('locked_by', '=', workerId)
    .execute();
}
