import type { CreateImportRequest, ImportJob } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { CustomerError } from '../customer.js';
import { parseCustomersCsv } from '../customer-csv.js';
import { insertImportJob, type ImportJobSummary } from '../import-job.repo.js';

export const IMPORT_REQUESTED = 'customers.import_requested';

export function toImportJob(j: ImportJobSummary): ImportJob {
  return {
    id: j.id,
    kind: 'customers',
    status: j.status as ImportJob['status'],
    fileName: j.file_name,
    totalRows: j.total_rows,
    processedRows: j.processed_rows,
    created: j.created,
    updated: j.updated,
    unchanged: j.unchanged,
    errors: JSON.parse(j.errors) as ImportJob['errors'],
    errorCount: j.error_count,
    failureReason: j.failure_reason,
    createdAt: j.created_at,
    finishedAt: j.finished_at,
  };
}

/** Checks the file can be read (header, quoting) and counts its rows; outside any transaction. */
export function checkImportFile(input: CreateImportRequest): Result<number, CustomerError> {
  const parsed = parseCustomersCsv(input.csv);
  if (!parsed.ok) return err({ code: 'invalid', errors: [{ path: 'csv', message: `line ${parsed.error.line}: ${parsed.error.message}` }] });
  return ok(parsed.value.length);
}

/**
 * Queues an import: the job row and the `customers.import_requested` event in one transaction, so
 * the worker (handler `customers.import`) always finds a job for the event and vice versa.
 */
export async function requestImport(tx: Executor, deps: Pick<Deps, 'clock'>, actor: Actor, input: CreateImportRequest, totalRows: number): Promise<Result<ImportJob, CustomerError>> {
  const now = deps.clock.now().toISOString();
  const id = newId('imp');
  const row = {
    id,
    kind: 'customers',
    status: 'queued',
    file_name: input.fileName ?? null,
    content: input.csv,
    total_rows: totalRows,
    processed_rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: '[]',
    error_count: 0,
    failure_reason: null,
    created_by_type: actor.type,
    created_by_id: actor.id,
    created_at: now,
    finished_at: null,
  };
  await insertImportJob(tx, row);
  await emitEvent(tx, now, { type: IMPORT_REQUESTED, aggregateType: 'import_job', aggregateId: id, payload: { importId: id, fileName: row.file_name, totalRows, actor } });
  return ok(toImportJob(row));
}
