import { sql, type Kysely } from 'kysely';

/**
 * Company settings (modules/settings): one row (`id = 1`) with the name, address, bank details,
 * document texts and the logo as base64 text (portable: no blob/bytea difference between engines),
 * and the gap-free document number counters, one row per kind and year.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('company_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text')
    .addColumn('legal_name', 'text')
    .addColumn('address_line1', 'text')
    .addColumn('address_line2', 'text')
    .addColumn('city', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('country', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('website', 'text')
    .addColumn('tax_id', 'text')
    .addColumn('bank_name', 'text')
    .addColumn('bank_account', 'text')
    .addColumn('bank_iban', 'text')
    .addColumn('bank_swift', 'text')
    .addColumn('default_currency', 'text', (c) => c.notNull())
    .addColumn('payment_terms_en', 'text')
    .addColumn('payment_terms_zh', 'text')
    .addColumn('invoice_footer_en', 'text')
    .addColumn('invoice_footer_zh', 'text')
    .addColumn('logo_base64', 'text')
    .addColumn('logo_mime_type', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('document_sequences')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_sequences_pk', ['kind', 'year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['document_sequences', 'company_settings']) await db.schema.dropTable(t).execute();
}
