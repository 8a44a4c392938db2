import { insertSoon, type Executor } from '../../platform/db/index.js';
import type { CustomerTimelineTable } from '../../platform/db/schema.js';

/** Inserts an entry once per event: a second insert for the same event does nothing. */
export const insertTimelineEntry = (db: Executor, row: CustomerTimelineTable) =>
  insertSoon(db, 'customer_timeline', [row], { ignoreConflictOn: 'event_id' });

/** Newest first by (occurred_at, id), after the position of the previous page's last entry. */
export function listTimeline(db: Executor, customerId: string, limit: number, before?: readonly [occurredAt: string, id: string]) {
  let q = db.selectFrom('customer_timeline').selectAll().where('customer_id', '=', customerId);
  if (before) q = q.where((eb) => eb(eb.refTuple('occurred_at', 'id'), '<', eb.tuple(before[0], before[1])));
  return q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
