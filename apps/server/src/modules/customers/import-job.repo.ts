import type { DialectOps, Executor } from '../../platform/db/index.js';
import type { ImportJobsTable } from '../../platform/db/schema.js';

export const insertImportJob = (db: Executor, row: ImportJobsTable) => db.insertInto('import_jobs').values(row).execute();

/** Everything but the file itself, which can be large. */
const SUMMARY = ['id', 'kind', 'status', 'file_name', 'total_rows', 'processed_rows', 'created', 'updated', 'unchanged', 'errors', 'error_count', 'failure_reason', 'created_by_type', 'created_by_id', 'created_at', 'finished_at'] as const;
export type ImportJobSummary = Pick<ImportJobsTable, (typeof SUMMARY)[number]>;

export const findImportJob = (db: Executor, id: string) => db.selectFrom('import_jobs').select(SUMMARY).where('id', '=', id).executeTakeFirst();

export const findImportJobContent = async (db: Executor, id: string) =>
  (await db.selectFrom('import_jobs').select('content').where('id', '=', id).executeTakeFirst())?.content;

/** The job row locked for this transaction, so two workers never process the same chunk. */
export const lockImportJob = (db: Executor, ops: DialectOps, id: string) =>
  ops.forUpdate(db.selectFrom('import_jobs').select(SUMMARY).where('id', '=', id)).executeTakeFirst();

export const updateImportJob = (db: Executor, id: string, patch: Partial<Omit<ImportJobsTable, 'id' | 'content'>>) =>
  db.updateTable('import_jobs').set(patch).where('id', '=', id).execute();

export function listImportJobs(db: Executor, limit: number, before?: string) {
  let q = db.selectFrom('import_jobs').select(SUMMARY).orderBy('id', 'desc').limit(limit + 1);
  if (before) q = q.where('id', '<', before);
  return q.execute();
}
