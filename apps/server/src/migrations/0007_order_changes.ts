import type { Kysely } from 'kysely';

/**
 * Order edits (modules/orders): `order_changes` holds the priced edits of confirmed orders that
 * wait for the customer's answer (pending → approved | declined; at most one pending per order,
 * kept so by the order's row lock), and `orders.adjustment_total` sums the price differences of
 * approved changes (positive = amount due, negative = refund due) for the payments module.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed', 'text', (c) => c.notNull())
    .addColumn('diff', 'text', (c) => c.notNull())
    .addColumn('total_before', 'bigint', (c) => c.notNull())
    .addColumn('total_after', 'bigint', (c) => c.notNull())
    .addColumn('requested_by_type', 'text', (c) => c.notNull())
    .addColumn('requested_by_id', 'text')
    .addColumn('decided_by_type', 'text')
    .addColumn('decided_by_id', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('order_changes_order').on('order_changes').columns(['order_id', 'status']).execute();
  await db.schema.alterTable('orders').addColumn('adjustment_total', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('adjustment_total').execute();
  await db.schema.dropTable('order_changes').execute();
}
