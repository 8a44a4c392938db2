import type { Kysely } from 'kysely';
import { binaryTextType } from '../platform/db/dialect.js';

/** Customers (owned by modules/customers): profile, contacts, addresses, search terms, timeline, imports. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_name', binaryTextType(db), (c) => c.notNull()) // byte order: same list order on both engines
    .addColumn('legal_name', 'text')
    .addColumn('tax_id', 'text', (c) => c.unique())
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('phone', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('preferred_channel', 'text', (c) => c.notNull())
    .addColumn('birthday', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('account_manager_id', 'text', (c) => c.references('users.id'))
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customers_sort').on('customers').columns(['sort_name', 'id']).execute();
  await db.schema.createIndex('customers_manager').on('customers').columns(['account_manager_id', 'sort_name', 'id']).execute();
  await db.schema.createIndex('customers_phone').on('customers').column('phone').execute();

  await db.schema
    .createTable('customer_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('is_primary', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_contacts_customer').on('customer_contacts').columns(['customer_id', 'position']).execute();

  await db.schema
    .createTable('customer_addresses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('line1', 'text', (c) => c.notNull())
    .addColumn('line2', 'text')
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_addresses_customer').on('customer_addresses').columns(['customer_id', 'position']).execute();

  // Prefix search: one row per searchable word (name words, CJK name suffixes, email, phone digits,
  // tax id), with the customer's sort_name copied in, so a term range scan yields list positions
  // without reading customers. (customer_id, term) answers "does this customer have a term with
  // this prefix" with one index seek. See modules/customers/search-terms.ts and docs/ARCHITECTURE.md.
  await db.schema
    .createTable('customer_search_terms')
    .addColumn('term', binaryTextType(db), (c) => c.notNull())
    .addColumn('sort_name', binaryTextType(db), (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('customer_search_terms_pk', ['term', 'sort_name', 'customer_id'])
    .execute();
  await db.schema.createIndex('customer_search_terms_customer').on('customer_search_terms').columns(['customer_id', 'term']).execute();

  // Tags in list order per tag: `tag = ? ORDER BY sort_name, customer_id` is a plain index scan.
  await db.schema
    .createTable('customer_tags')
    .addColumn('tag', binaryTextType(db), (c) => c.notNull())
    .addColumn('sort_name', binaryTextType(db), (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('customer_tags_pk', ['tag', 'sort_name', 'customer_id'])
    .execute();
  await db.schema.createIndex('customer_tags_customer').on('customer_tags').columns(['customer_id', 'tag']).execute();

  await db.schema
    .createTable('customer_timeline')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_timeline_customer').on('customer_timeline').columns(['customer_id', 'occurred_at', 'id']).execute();

  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('processed_rows', 'integer', (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('errors', 'text', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['import_jobs', 'customer_timeline', 'customer_tags', 'customer_search_terms', 'customer_addresses', 'customer_contacts', 'customers']) {
    await db.schema.dropTable(t).execute();
  }
}
