import type { DialectOps, Executor } from '../../platform/db/index.js';
import type { CompanySettingsTable } from '../../platform/db/schema.js';

/** The company row, or undefined before the settings are first saved. */
export const findSettings = (db: Executor) => db.selectFrom('company_settings').selectAll().where('id', '=', 1).executeTakeFirst();

/** The company row, locked for the rest of the transaction on PostgreSQL. */
export const lockSettings = (tx: Executor, ops: DialectOps) => ops.forUpdate(tx.selectFrom('company_settings').selectAll().where('id', '=', 1)).executeTakeFirst();

export const hasSettings = async (db: Executor) => (await db.selectFrom('company_settings').select('id').where('id', '=', 1).executeTakeFirst()) !== undefined;

/**
 * Writes the row if the stored version is still `expectedVersion` (0: no row yet, so it inserts
 * unless another transaction inserted first). Returns whether it wrote.
 */
export async function saveSettings(db: Executor, row: CompanySettingsTable, expectedVersion: number): Promise<boolean> {
  if (expectedVersion === 0) {
    const inserted = await db.insertInto('company_settings').values(row).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
    if (inserted) return true;
  }
  const { id: _id, ...values } = row;
  const r = await db.updateTable('company_settings').set(values).where('id', '=', 1).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The next number of a counter: creates the (kind, year) row at 0 if missing, then increments it
 * with one guarded UPDATE. The row stays locked until the transaction ends (PostgreSQL row lock,
 * SQLite's single writer), so numbers are handed out in commit order, and a rollback returns its
 * number along with everything else.
 */
export async function incrementSequence(tx: Executor, kind: string, year: number): Promise<number> {
  await tx.insertInto('document_sequences').values({ kind, year, last: 0 }).onConflict((oc) => oc.columns(['kind', 'year']).doNothing()).execute();
  const row = await tx
    .updateTable('document_sequences')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('kind', '=', kind)
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}
