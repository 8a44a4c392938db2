import type { Kysely } from 'kysely';

/**
 * Portal inbox and logged contacts (modules/inbox). `inbox_messages` holds every message of a
 * customer's threads: `thread` is the order id, or `general` for the customer's general thread.
 * `contact_logs` holds calls and meetings staff recorded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inbox_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('thread', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('order_number', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text')
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inbox_messages_thread').on('inbox_messages').columns(['customer_id', 'thread', 'created_at', 'id']).execute();
  await db.schema.createIndex('inbox_messages_unread').on('inbox_messages').columns(['direction', 'read_at', 'customer_id']).execute();
  await db.schema
    .createTable('contact_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('follow_up_at', 'text')
    .addColumn('logged_by_type', 'text', (c) => c.notNull())
    .addColumn('logged_by_id', 'text')
    .addColumn('logged_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_logs_customer').on('contact_logs').columns(['customer_id', 'occurred_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contact_logs').execute();
  await db.schema.dropTable('inbox_messages').execute();
}
