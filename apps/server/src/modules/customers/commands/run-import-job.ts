import type { Deps } from '../../../deps.js';
import type { Actor } from '../../../platform/auth/index.js';
import { parseCustomersCsv, type LineError } from '../customer-csv.js';
import { findImportJob, findImportJobContent, lockImportJob, updateImportJob } from '../import-job.repo.js';
import { IMPORT_CHUNK_ROWS, importRows, retryOnUniqueViolation } from './import-customers.js';

/** The job keeps the first this many row errors; `error_count` counts them all. */
export const MAX_LISTED_ERRORS = 1000;

/**
 * Processes an import job chunk by chunk, each chunk in one transaction with the job's counters,
 * so the progress bar moves and a crash loses at most one uncommitted chunk. Safe to run again
 * after a crash: it resumes at `processed_rows`, and each chunk first locks the job row and checks
 * that nobody processed it meanwhile (two workers can hold the event after a lease expired).
 */
export async function runImportJob(deps: Deps, jobId: string): Promise<void> {
  const job = await findImportJob(deps.db, jobId);
  if (!job || job.status === 'completed' || job.status === 'failed') return;
  const content = (await findImportJobContent(deps.db, jobId)) ?? '';
  const actor: Actor = { type: job.created_by_type as Actor['type'], id: job.created_by_id };
  const finishedAt = () => deps.clock.now().toISOString();

  const parsed = parseCustomersCsv(content);
  if (!parsed.ok) {
    const failure: LineError = parsed.error;
    await updateImportJob(deps.db, jobId, { status: 'failed', failure_reason: `line ${failure.line}: ${failure.message}`, errors: JSON.stringify([failure]), error_count: 1, finished_at: finishedAt() });
    return;
  }
  const rows = parsed.value;
  if (job.status === 'queued') await updateImportJob(deps.db, jobId, { status: 'running', total_rows: rows.length });

  for (let from = job.processed_rows; from < rows.length; from += IMPORT_CHUNK_ROWS) {
    const chunk = rows.slice(from, from + IMPORT_CHUNK_ROWS);
    const proceed = await retryOnUniqueViolation(deps, () =>
      deps.db.transaction().execute(async (tx) => {
        const current = await lockImportJob(tx, deps.ops, jobId);
        if (!current || current.processed_rows !== from || current.status !== 'running') return false;
        const counts = await importRows(tx, deps, actor, chunk, { context: { source: 'import', importId: jobId } });
        const listed = JSON.parse(current.errors) as LineError[];
        listed.push(...counts.errors.slice(0, Math.max(0, MAX_LISTED_ERRORS - listed.length)));
        const processed = from + chunk.length;
        await updateImportJob(tx, jobId, {
          processed_rows: processed,
          created: current.created + counts.created,
          updated: current.updated + counts.updated,
          unchanged: current.unchanged + counts.unchanged,
          errors: JSON.stringify(listed),
          error_count: current.error_count + counts.errors.length,
          ...(processed >= rows.length ? { status: 'completed', finished_at: finishedAt() } : {}),
        });
        return true;
      }),
    );
    // Another run (a second worker that claimed the event after our lease ran out) owns the job now.
    // Fail this delivery so the event is retried later: a no-op once that run has completed the job,
    // and the resumption if it crashed.
    if (!proceed) {
      const now = await findImportJob(deps.db, jobId);
      if (now?.status === 'completed' || now?.status === 'failed') return;
      throw new Error(`import ${jobId} is being processed by another run (at row ${now?.processed_rows ?? '?'}); checking again later`);
    }
  }
  if (rows.length === 0) await updateImportJob(deps.db, jobId, { status: 'completed', finished_at: finishedAt() });
}
