import type { Kysely } from 'kysely';

/**
 * Payments (modules/payments): `payments` holds every payment and refund of an order (append-only,
 * amounts > 0, `kind` tells which). The order keeps the running sums `paid_total` and
 * `refunded_total` next to `payment_status`, written only by the orders module under the order's
 * row lock, so two concurrent payments can never together exceed the balance.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by_type', 'text', (c) => c.notNull())
    .addColumn('recorded_by_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_order').on('payments').columns(['order_id', 'id']).execute();
  await db.schema.alterTable('orders').addColumn('paid_total', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('orders').addColumn('refunded_total', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('refunded_total').execute();
  await db.schema.alterTable('orders').dropColumn('paid_total').execute();
  await db.schema.dropTable('payments').execute();
}
