import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dbKind, testConfig } from '../../test/support/db.js';
import { startTestRuntime, type TestRuntime } from '../../test/support/runtime.js';
import { product, receive, warehouse } from '../../test/support/fixtures.js';
import { startSmtp } from '../../test/support/smtp.js';
import { emitEvent } from '../platform/outbox/index.js';
import { OUTBOX_THREAD, SERVER_THREAD, SharedWriteLock } from '../platform/db/write-lock.js';

/** The built thread: a worker thread cannot load TypeScript sources (`npm test` builds first). */
const BUILT_ENTRY = new URL('../../dist/outbox-thread-main.js', import.meta.url);

const open: TestRuntime[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** A runtime as `serve` runs it: the worker in the outbox thread (warnings collected). */
async function startThreaded(entry: URL = BUILT_ENTRY, env: Record<string, string> = {}): Promise<{ rt: TestRuntime; warnings: string[] }> {
  const { default: pino } = await import('pino');
  const warnings: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(String(JSON.parse(line).msg)) });
  const rt = await startTestRuntime({ embeddedWorker: true, workerThread: true, outboxThreadEntry: entry, logger, config: await testConfig(env) });
  open.push(rt);
  return { rt, warnings };
}

async function emit(rt: TestRuntime): Promise<string> {
  const id = await rt.deps.db.transaction().execute((tx) => emitEvent(tx, rt.deps.clock.now().toISOString(), { type: 'test.threaded', aggregateType: 'test', aggregateId: 't_1', payload: {} }));
  rt.deps.wakeWorker();
  return id;
}

const statusOf = async (rt: TestRuntime, id: string) => (await rt.deps.db.selectFrom('outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the outbox thread (serve)', () => {
  it('handles the events requests write, with its own connection', async () => {
    const { rt, warnings } = await startThreaded();
    const id = await emit(rt);
    await until(async () => (await statusOf(rt, id)) === 'done');
    expect(warnings).toEqual([]);
  });

  it('handles events while the server event loop is blocked; on SQLite it waits for the write lock the server holds', async () => {
    const { rt } = await startThreaded();
    // Blocked: this thread's event loop does nothing for 1.5 s, yet the event is handled meanwhile.
    const first = await emit(rt);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_500);
    const unblocked = new Date().toISOString();
    const row = await rt.deps.db.selectFrom('outbox').select(['status', 'processed_at']).where('id', '=', first).executeTakeFirstOrThrow();
    expect(row.status).toBe('done');
    expect(row.processed_at! < unblocked).toBe(true);
    if (rt.config.database.kind !== 'sqlite') {
      expect(rt.database.writeLock).toBeUndefined(); // PostgreSQL has row locks; nothing to share
      return;
    }

    const reader = new BetterSqlite3(rt.config.database.file, { readonly: true });
    const status = (id: string) => (reader.prepare('select status from outbox where id = ?').get(id) as { status: string }).status;
    try {
      // The lock: while the server side holds it, the thread cannot settle anything.
      expect(rt.database.writeLock).toBeDefined();
      const lock = new SharedWriteLock(rt.database.writeLock!);
      const second = await emit(rt);
      await lock.acquire(SERVER_THREAD);
      try {
        await new Promise((r) => setTimeout(r, 600)); // longer than the thread's wait between claims
        expect(status(second)).toBe('pending');
      } finally {
        lock.release();
      }
      await until(async () => status(second) === 'done');
    } finally {
      reader.close();
    }
  });

  it('sends order confirmations with their PDFs (CJK font) over SMTP from the thread, within its heap limits', async () => {
    const smtp = await startSmtp();
    try {
      const { rt, warnings } = await startThreaded(BUILT_ENTRY, { SMTP_URL: smtp.url });
      const admin = await rt.asRole('admin');
      // The thread runs on the real clock: no quiet hours, so the e-mails go now whatever the hour.
      const rule = (await rt.app.inject({ method: 'GET', url: '/api/v1/message-rules', headers: admin })).json<{ data: { event: string }[] }>().data.find((r) => r.event === 'order_confirmation')!;
      const { event: _e, version: _v, updatedAt: _u, ...body } = rule as Record<string, unknown>;
      const put = await rt.app.inject({ method: 'PUT', url: '/api/v1/message-rules/order_confirmation', headers: { ...admin, 'if-match': '"0"' }, payload: { ...body, quietHoursStart: null, quietHoursEnd: null } });
      expect(put.statusCode, put.body).toBe(200);
      const wh = await warehouse(rt, 'SH-01');
      await product(rt, 'BOLT-M8', { name: 'Bolt M8 螺栓' });
      await receive(rt, 'BOLT-M8', wh.id, 1_000);
      const customers = [];
      for (const [name, email, locale] of [['王芳', 'wang@example.cn', 'zh-CN'], ['Li Wei', 'li@example.com', 'en']] as const) {
        const res = await rt.app.inject({ method: 'POST', url: '/api/v1/customers', headers: admin, payload: { kind: 'individual', name, email, locale, preferredChannel: 'email' } });
        expect(res.statusCode, res.body).toBe(201);
        customers.push(res.json<{ id: string }>().id);
      }
      const numbers: string[] = [];
      const inTwoWeeks = new Date(rt.deps.clock.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
      for (let i = 0; i < 12; i++) {
        const payload = { customerId: customers[i % 2], currency: 'CNY', lines: [{ sku: 'BOLT-M8', quantity: 10 }], shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' }, requestedDeliveryDate: inTwoWeeks };
        const res = await rt.app.inject({ method: 'POST', url: '/api/v1/orders', headers: admin, payload });
        expect(res.statusCode, res.body).toBe(201);
        numbers.push(res.json<{ number: string }>().number);
      }
      await until(async () => smtp.received.length >= numbers.length, 30_000);
      const mails = await Promise.all(numbers.map((_, i) => smtp.parsed(i)));
      expect(new Set(mails.map((m) => m.subject))).toEqual(new Set(numbers.map((n, i) => (i % 2 ? `Order ${n} confirmed` : `订单 ${n} 已确认`))));
      for (const mail of mails) expect(mail.attachments.map((a) => [a.contentType, a.content.subarray(0, 5).toString()])).toEqual([['application/pdf', '%PDF-']]);
      expect(warnings).toEqual([]); // the thread never ran out of heap (it would have fallen back, with a warning)
    } finally {
      await smtp.close();
    }
  });

  it('falls back to the event loop when the thread cannot start, and says why', async () => {
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oc-outbox-thread-')), 'broken.mjs');
    fs.writeFileSync(broken, "throw new Error('cannot start');\n");
    const { rt, warnings } = await startThreaded(new URL(`file://${broken}`));
    await until(async () => warnings.length > 0);
    expect(warnings[0]).toMatch(/outbox thread stopped .*cannot start.*event loop/);
    const id = await emit(rt);
    await until(async () => (await statusOf(rt, id)) === 'done');
  });

  it('runs the worker on the event loop when the thread dies, handing on the write lock it held (SQLite)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-outbox-thread-'));
    const dies = path.join(dir, 'dies.mjs');
    const lockModule = new URL('../../dist/platform/db/write-lock.js', import.meta.url).href;
    fs.writeFileSync(
      dies,
      [
        `import { workerData } from 'node:worker_threads';`,
        `import { SharedWriteLock, OUTBOX_THREAD } from ${JSON.stringify(lockModule)};`,
        `if (workerData.writeLock) await new SharedWriteLock(workerData.writeLock).acquire(OUTBOX_THREAD);`,
        `process.exit(3);`,
      ].join('\n'),
    );
    const { rt, warnings } = await startThreaded(new URL(`file://${dies}`));
    await until(async () => warnings.length > 0);
    expect(warnings[0]).toMatch(/exit code 3/);
    if (dbKind === 'sqlite') expect(new SharedWriteLock(rt.database.writeLock!).holder()).not.toBe(OUTBOX_THREAD);
    const id = await emit(rt); // would wait forever on a lock nobody releases
    await until(async () => (await statusOf(rt, id)) === 'done');
  });
});
