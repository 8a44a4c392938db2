import type { Executor, PaymentsTable } from '../../platform/db/schema.js';

export async function insertPayment(db: Executor, row: PaymentsTable): Promise<void> {
  await db.insertInto('payments').values(row).execute();
}

/** One page of an order's payments and refunds, oldest first (ids are time-sortable). */
export function paymentsOf(db: Executor, orderId: string, limit: number, afterId?: string) {
  let q = db.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('id').limit(limit + 1);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.execute();
}
