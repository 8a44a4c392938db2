import { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateImportRequest, CustomerExportQuery, IdempotencyHeaders, IdParams, ImportJob, PageQuery, page, type StaffRole } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { decodeCursor, encodeCursor } from '../../platform/db/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { exportCustomersCsv } from './commands/export-customers.js';
import { checkImportFile, requestImport, toImportJob } from './commands/request-import.js';
import { customerProblem } from './customers.problems.js';
import { CUSTOMER_WRITERS } from './customers.routes.js';
import { findImportJob, listImportJobs } from './import-job.repo.js';

const IMPORTERS: readonly StaffRole[] = ['admin', 'manager', 'sales'];
/** A 20 MB CSV as a JSON string, with room for escaping. */
const IMPORT_BODY_LIMIT = 25 * 1024 * 1024;

/** CSV import (a background job with progress) and export. */
export function registerCustomerImportRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/customers/imports', {
    config: { access: IMPORTERS },
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      tags: ['customers'],
      summary: 'Import customers from CSV in the background (202 with the job; poll GET /customers/imports/{id}). Rows match existing customers by email, else tax id, else name and phone, so a file can be imported again',
      body: CreateImportRequest,
      headers: IdempotencyHeaders,
      response: { 202: ImportJob },
    },
  }, async (request, reply) => {
    const rows = checkImportFile(request.body);
    if (!rows.ok) return sendProblem(reply, customerProblem(rows.error));
    const actor = actorOf(request.principal);
    const result = await deps.idempotency.run(request, 202, (tx) => requestImport(tx, deps, actor, request.body, rows.value));
    if (!result.ok) return sendProblem(reply, customerProblem(result.error));
    deps.wakeWorker();
    return sendStored(reply, result.value);
  });

  r.get('/api/v1/customers/imports', {
    config: { access: IMPORTERS },
    schema: { tags: ['customers'], summary: 'Import jobs, newest first', querystring: PageQuery, response: { 200: page(ImportJob) } },
  }, async (request) => {
    const { limit, cursor } = request.query;
    const rows = await listImportJobs(deps.db, limit, decodeCursor(cursor));
    const data = rows.slice(0, limit);
    return { data: data.map(toImportJob), nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
  });

  r.get('/api/v1/customers/imports/:id', {
    config: { access: IMPORTERS },
    schema: { tags: ['customers'], summary: 'One import job: status and progress (processedRows of totalRows) and the bad rows with their line numbers', params: IdParams, response: { 200: ImportJob } },
  }, async (request, reply) => {
    const job = await findImportJob(deps.db, request.params.id);
    if (!job) return sendProblem(reply, customerProblem({ code: 'not_found', entity: 'import job', id: request.params.id }));
    return toImportJob(job);
  });

  r.get('/api/v1/customers/export.csv', {
    config: { access: CUSTOMER_WRITERS },
    schema: {
      tags: ['customers'],
      summary: 'Every customer the list filters select, as CSV in the import format (streamed page by page)',
      querystring: CustomerExportQuery,
    },
  }, async (request, reply) => {
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', 'attachment; filename="customers.csv"');
    return reply.send(Readable.from(exportCustomersCsv(deps.db, request.query)));
  });
}
