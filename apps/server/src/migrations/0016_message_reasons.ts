import type { Kysely } from 'kysely';

/**
 * `messages.reason`: why a message is where it is, as JSON `{ code, passedOver? }` (contracts'
 * MessageReason), so the screens can say it in the reader's language. `status_reason` keeps the
 * English sentence with the technical detail. Messages stored before have no code (null).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('reason').execute();
}
