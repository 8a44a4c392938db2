import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '@ordercare/contracts';
import { freshDatabaseUrl } from '../../../../test/support/db.js';
import { main } from '../../../cli.js';
import { asApi, countRows, EXPECTED_ERRORS, SAMPLE, useRuntimes } from './helpers.js';

const start = useRuntimes();
const REPO = fileURLToPath(new URL('../../../../../../', import.meta.url));

function bigCsv(rows: number): string {
  const lines = ['name,email,phone,billing_line1,billing_city,billing_country'];
  for (let i = 0; i < rows; i++) lines.push(`Customer ${i},c${i}@bulk.example,+44 20 7946 ${String(i).padStart(4, '0')},${i} Long Road,Leeds,GB`);
  return lines.join('\n');
}

describe('customer import jobs over HTTP', () => {
  it('queues a job (202), runs it on the worker and reports progress, counts and bad lines', async () => {
    const rt = await start();
    const headers = await rt.asRole('sales');
    const res = await rt.app.inject({ method: 'POST', url: '/api/v1/customers/imports', headers, payload: { fileName: 'sample.csv', csv: SAMPLE } });
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json<ImportJob>();
    expect(job).toMatchObject({ id: expect.stringMatching(/^imp_/), kind: 'customers', status: 'queued', fileName: 'sample.csv', totalRows: 8, processedRows: 0, errors: [], errorCount: 0, finishedAt: null });

    const get = () => rt.app.inject({ method: 'GET', url: `/api/v1/customers/imports/${job.id}`, headers }).then((r) => r.json<ImportJob>());
    expect((await get()).status).toBe('queued');
    await rt.worker.drain();
    const done = await get();
    expect(done).toMatchObject({ status: 'completed', totalRows: 8, processedRows: 8, created: 4, updated: 0, unchanged: 0, errorCount: 4, failureReason: null });
    expect(done.errors).toEqual(EXPECTED_ERRORS);
    expect(done.finishedAt).not.toBeNull();

    const list = await rt.app.inject({ method: 'GET', url: '/api/v1/customers/imports', headers });
    expect(list.json().data.map((j: ImportJob) => j.id)).toEqual([job.id]);

    // The timeline of an imported customer says where it came from.
    const acmeId = (await rt.deps.db.selectFrom('customers').select('id').where('name', '=', 'Acme Ltd').executeTakeFirstOrThrow()).id;
    const timeline = await (await asApi(rt)).timeline(acmeId);
    expect(timeline.json().data[0]).toMatchObject({ type: 'customer.created', data: { source: 'import', importId: job.id } });
  });

  it('processes large files in chunks and resumes from processed rows after a crash', async () => {
    const rt = await start();
    const headers = await rt.asRole('admin');
    const res = await rt.app.inject({ method: 'POST', url: '/api/v1/customers/imports', headers, payload: { csv: bigCsv(450) } });
    const job = res.json<ImportJob>();
    expect(job.totalRows).toBe(450);
    // As if a worker had committed the first chunk (rows 0-199) and died.
    await rt.deps.db.updateTable('import_jobs').set({ status: 'running', processed_rows: 200, created: 200 }).where('id', '=', job.id).execute();
    await rt.worker.drain();
    const done = (await rt.app.inject({ method: 'GET', url: `/api/v1/customers/imports/${job.id}`, headers })).json<ImportJob>();
    expect(done).toMatchObject({ status: 'completed', processedRows: 450, created: 450, errorCount: 0 });
    expect(await countRows(rt, 'customers')).toBe(250); // only rows 200-449 ran here
  });

  it('answers 400 for a file it cannot read and 403 to roles that may not import', async () => {
    const rt = await start();
    const bad = await rt.app.inject({ method: 'POST', url: '/api/v1/customers/imports', headers: await rt.asRole('admin'), payload: { csv: 'name,colour\nA,red' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'body.csv', message: expect.stringContaining('line 1: unknown column "colour"') }]);
    const support = await rt.app.inject({ method: 'POST', url: '/api/v1/customers/imports', headers: await rt.asRole('support'), payload: { csv: SAMPLE } });
    expect(support.statusCode).toBe(403);
    expect(await countRows(rt, 'outbox')).toBe(0);
  });
});

describe('ordercare import/export customers', () => {
  it('imports a file from the command line, printing the summary and each bad line; exit 2 for a missing file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-import-'));
    const file = path.join(dir, 'customers.csv');
    fs.writeFileSync(file, SAMPLE);
    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: await freshDatabaseUrl(), LOG_LEVEL: 'silent' };
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(REPO, 'apps/server/bin/ordercare.mjs'), 'import', 'customers', file], { cwd: REPO, env, timeout: 60_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    // A fresh database has no staff users, so the account manager of line 2 is unknown here.
    expect(out.stdout).toContain(`${file}: 8 rows: 3 created, 0 updated, 0 unchanged, 5 with errors.`);
    expect(out.stdout).toContain('line 2: account_manager_email: no active staff user has the email sales@example.com\nline 3: email: must be an email address such as name@example.com\nline 5: name: is required\n');
    expect(out.stdout).toMatch(/line 10: phone: /);

    const stderr: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => stderr.push(chunk) > 0) as typeof process.stderr.write;
    try {
      expect(await main(['import', 'customers', path.join(dir, 'missing.csv')])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toContain('Cannot read');
  });
});
