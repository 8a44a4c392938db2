import type { Kysely } from 'kysely';

/**
 * Invoice numbers of orders (modules/orders): one row per invoiced order, written the first time
 * its invoice is generated and never changed, so every later download prints the same number.
 * The number comes from settings' gap-free `document_sequences` in the same transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_invoices')
    .addColumn('order_id', 'text', (c) => c.primaryKey().references('orders.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('order_invoices').execute();
}
