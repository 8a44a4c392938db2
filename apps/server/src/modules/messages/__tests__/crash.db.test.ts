import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Message, Order } from '@ordercare/contracts';
import { testConfig } from '../../../../test/support/db.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { spawnServer, stopAllServers, type ServerProcess } from '../../../../test/support/servers.js';
import { OUTCOME_UNKNOWN } from '../index.js';
import { createCustomer, messagesOf, placeOrder, seedStock, startSmtp, type TestSmtp } from './helpers.js';

let rt: TestRuntime;
let smtp: TestSmtp;
let databaseUrl: string;
let li: Customer;

async function until(done: () => Promise<boolean>, what: string, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  smtp = await startSmtp();
  const config = await testConfig({ SMTP_URL: smtp.url });
  databaseUrl = config.database.kind === 'sqlite' ? `sqlite:${config.database.file}` : config.database.url;
  rt = await startTestRuntime({ config }); // the test's own view of the database; its worker never runs
  await seedStock(rt);
  li = await createCustomer(rt, { name: 'Li Wei', email: 'li@example.com' });
  // Real time here: no quiet hours, so the confirmation goes out whatever the hour in Shanghai.
  const rule = { enabled: true, templateKey: 'order_confirmation', channels: ['preferred', 'email', 'portal'], quietHoursStart: null, quietHoursEnd: null, timeZone: 'Asia/Shanghai', delayMinutes: 0 };
  const res = await rt.app.inject({ method: 'PUT', url: '/api/v1/message-rules/order_confirmation', headers: await rt.asRole('admin'), payload: rule });
  expect(res.statusCode, res.body).toBe(200);
}, 60_000);
afterAll(async () => {
  await stopAllServers();
  await rt?.close();
  await smtp?.close();
});

describe('kill -9 of the worker process between sending and marking sent', () => {
  it('the customer receives one email; the message is reported as outcome unknown', async () => {
    const order: Order = await placeOrder(rt, li.id);
    const env = { SMTP_URL: smtp.url, LOG_LEVEL: 'silent' };
    smtp.hold = true; // the SMTP server takes the message but never answers 250
    const first: ServerProcess = await spawnServer({ databaseUrl, command: 'worker', env });
    await until(async () => smtp.received.length === 1, 'the email to reach the SMTP server');
    await first.stop('SIGKILL');
    smtp.hold = false;
    const [sending] = await messagesOf(rt, `orderId=${order.id}`);
    expect(sending).toMatchObject<Partial<Message>>({ status: 'sending', attempts: 1 });

    // The dead worker's claim on the event runs out (its lease, 60 s, passed) …
    await rt.deps.db.updateTable('outbox').set({ locked_until: new Date(Date.now() - 1000).toISOString() }).where('status', '=', 'pending').where('locked_by', 'is not', null).execute();
    // … and a new worker process picks it up.
    const second = await spawnServer({ databaseUrl, command: 'worker', env });
    await until(async () => (await messagesOf(rt, `orderId=${order.id}`))[0]?.status === 'failed', 'the restarted worker to report the message');
    await second.stop('SIGTERM');
    expect(smtp.received.length).toBe(1);
    expect((await messagesOf(rt, `orderId=${order.id}`))[0]).toMatchObject({ status: 'failed', statusReason: OUTCOME_UNKNOWN, reason: { code: 'outcome_unknown' }, attempts: 1 });
  });
});
