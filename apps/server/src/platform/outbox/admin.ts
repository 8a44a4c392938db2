import type { OutboxEvent } from '@ordercare/contracts';
import type { Executor } from '../db/schema.js';
import type { OutboxTable } from '../db/schema.js';
import { decodeCursor, encodeCursor } from '../db/cursor.js';

export function toOutboxEvent(r: OutboxTable): OutboxEvent {
  return {
    id: r.id,
    type: r.type,
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    availableAt: r.available_at,
    createdAt: r.created_at,
    processedAt: r.processed_at,
  };
}

export async function listOutboxEvents(db: Executor, q: { status?: OutboxTable['status'] | undefined; type?: string | undefined; limit: number; cursor?: string | undefined }) {
  let query = db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(q.limit + 1);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.type) query = query.where('type', '=', q.type);
  const after = decodeCursor(q.cursor);
  if (after) query = query.where('id', '<', after);
  const rows = await query.execute();
  const pageRows = rows.slice(0, q.limit);
  return {
    data: pageRows.map(toOutboxEvent),
    nextCursor: rows.length > q.limit ? encodeCursor(pageRows[pageRows.length - 1]!.id) : null,
  };
}

export async function getOutboxEvent(db: Executor, id: string): Promise<OutboxTable | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Puts a failed (or waiting) event back in the queue now, with a fresh attempt budget. */
export async function requeueOutboxEvent(tx: Executor, id: string, at: string): Promise<void> {
  await tx
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, available_at: at, locked_by: null, locked_until: null })
    .where('id', '=', id)
    .execute();
}
