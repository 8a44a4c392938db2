import type { Kysely } from 'kysely';

/**
 * Two order-list queries that grew with the table (measured at 1 million orders, bench/order-reads.ts):
 * a placed-date range (`from`/`to`) walked the id index backwards through the table, and the work
 * queue order within one status (`status` + `sort=priority`) sorted every order of that status.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('orders_created').on('orders').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('orders_status_priority').on('orders').columns(['status', 'priority_rank', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('orders_status_priority').execute();
  await db.schema.dropIndex('orders_created').execute();
}
