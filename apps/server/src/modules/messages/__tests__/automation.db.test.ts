import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageRule, MessagesStatus } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { dbKind } from '../../../../test/support/db.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { createWorker } from '../../../platform/outbox/index.js';
import { EMAIL_OFF, inlineRenderer, messagesHandlers, startRenderThread, type Renderer } from '../index.js';
import { countingStatements } from '../../../../test/support/statements.js';
import { createCustomer, messagesOf, placeOrder, seedStock } from './helpers.js';

// A worker thread cannot load TypeScript: the thread runs the built server (npm test builds it first).
const BUILT_ENTRY = new URL('../../../../dist/modules/messages/render-thread.js', import.meta.url);
const clock = manualClock(); // 17:00 in Shanghai
let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime({ clock }); // no SMTP_URL, no SMS provider
  await seedStock(rt);
});
afterAll(async () => {
  await rt?.close();
});

describe('automation without SMTP', () => {
  it('reads the orders and customers of a whole worker batch ahead, and each message still shows its own order', async () => {
    const people = await Promise.all(['Batch One', 'Batch Two', 'Batch Three'].map((name, i) => createCustomer(rt, { name, email: `batch${i}@example.com` })));
    await rt.worker.drain();
    const orders = [];
    for (let i = 0; i < 6; i++) orders.push(await placeOrder(rt, people[i % 3]!.id));
    const { statements } = await countingStatements(rt.deps.db, () => rt.worker.drain());
    // Per event none of these; per batch one each (prefetchOrders, prefetchCustomers).
    expect(statements.filter((s) => /from "orders" where "id" = /.test(s))).toEqual([]);
    expect(statements.filter((s) => /from "customers" where "id" = /.test(s))).toEqual([]);
    expect(statements.filter((s) => /from "orders" where "id" in /.test(s)).length).toBeGreaterThan(0);
    expect(statements.filter((s) => /from "orders" where "id" in /.test(s)).length).toBeLessThan(orders.length);
    // The messages of first attempts join the batch's held inserts (PostgreSQL: one statement for all; SQLite inserts at once).
    expect(statements.filter((s) => s.startsWith('insert into "messages"'))).toHaveLength(dbKind === 'postgres' ? 0 : orders.length);
    for (const [i, order] of orders.entries()) {
      expect(await messagesOf(rt, `orderId=${order.id}`)).toMatchObject([{ channel: 'email', status: 'queued', to: people[i % 3]!.email, customerId: people[i % 3]!.id, subject: `Order ${order.number} confirmed` }]);
    }
  });

  it('says email is off, keeps email messages queued with the reason, delivers portal ones', async () => {
    const status = await rt.app.inject({ method: 'GET', url: '/api/v1/messages/status', headers: await rt.asRole('warehouse') });
    expect(status.json<MessagesStatus>()).toEqual({ emailConfigured: false, smsConfigured: false });
    const mail = await createCustomer(rt, { name: 'Mail Person', email: 'm@example.com' });
    const portal = await createCustomer(rt, { name: 'Portal Person', email: 'p@example.com', preferredChannel: 'portal' });
    const o1 = await placeOrder(rt, mail.id);
    const o2 = await placeOrder(rt, portal.id);
    await rt.worker.drain();
    expect(await messagesOf(rt, `orderId=${o1.id}`)).toMatchObject([{ channel: 'email', status: 'queued', statusReason: EMAIL_OFF, reason: { code: 'channel_off' }, subject: `Order ${o1.number} confirmed` }]);
    expect(await messagesOf(rt, `orderId=${o2.id}`)).toMatchObject([{ channel: 'portal', status: 'delivered', to: portal.id }]);
    const inbox = await rt.app.inject({ method: 'GET', url: `/api/v1/orders/${o2.id}/conversation`, headers: await rt.asRole('support') });
    expect(inbox.body).toContain(`Order ${o2.number} confirmed`);
    expect((await messagesOf(rt, 'channel=portal&status=delivered')).map((m) => m.orderId)).toContain(o2.id);
  });

  it('opt-outs: a customer who switched every channel off gets nothing, and the reason is shown', async () => {
    const quiet = await createCustomer(rt, { name: 'No Thanks', email: 'n@example.com', consent: { email: false, sms: false, portal: false } });
    const order = await placeOrder(rt, quiet.id);
    await rt.worker.drain();
    expect(await messagesOf(rt, `customerId=${quiet.id}`)).toMatchObject([
      {
        status: 'suppressed',
        statusReason: 'opted out of email; opted out of portal',
        reason: { code: 'no_channel', passedOver: [{ channel: 'email', why: 'opted_out' }, { channel: 'portal', why: 'opted_out' }] },
        orderId: order.id,
      },
    ]);
  });

  it('fallback: SMS preferred but no SMS provider → email; email opted out → portal', async () => {
    const sms = await createCustomer(rt, { name: 'Text Me', email: 't@example.com', phone: '+86 138 0013 8000', preferredChannel: 'sms' });
    const noEmail = await createCustomer(rt, { name: 'No Email', email: 'x@example.com', consent: { email: false } });
    await placeOrder(rt, sms.id);
    await placeOrder(rt, noEmail.id);
    await rt.worker.drain();
    expect(await messagesOf(rt, `customerId=${sms.id}`)).toMatchObject([{ channel: 'email', to: 't@example.com' }]);
    expect(await messagesOf(rt, `customerId=${noEmail.id}`)).toMatchObject([{ channel: 'portal', status: 'delivered' }]);
  });

  it('rules are editable: quiet hours hold a message until they end; a switched-off rule sends nothing', async () => {
    const admin = await rt.asRole('admin');
    const rules = (await rt.app.inject({ method: 'GET', url: '/api/v1/message-rules', headers: admin })).json<{ data: MessageRule[] }>().data;
    const rule = rules.find((r) => r.event === 'order_confirmation')!;
    expect(rule).toMatchObject({ enabled: true, channels: ['preferred', 'email', 'portal'], version: 0 });
    const { event: _e, version: _v, updatedAt: _u, ...body } = rule;
    // Quiet from 16:00 to 18:00 in Shanghai (it is 17:00 there), portal last.
    const put = await rt.app.inject({ method: 'PUT', url: '/api/v1/message-rules/order_confirmation', headers: { ...admin, 'if-match': '"0"' }, payload: { ...body, quietHoursStart: '16:00', quietHoursEnd: '18:00' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<MessageRule>()).toMatchObject({ version: 1, quietHoursStart: '16:00' });
    const stale = await rt.app.inject({ method: 'PUT', url: '/api/v1/message-rules/order_confirmation', headers: { ...admin, 'if-match': '"0"' }, payload: body });
    expect(stale.statusCode).toBe(412);

    const c = await createCustomer(rt, { name: 'Night Owl', email: 'o@example.com' });
    const order = await placeOrder(rt, c.id);
    await rt.worker.drain();
    const [held] = await messagesOf(rt, `orderId=${order.id}`);
    expect(held).toMatchObject({ status: 'held', sendAfter: '2026-11-22T10:00:00.000Z', reason: { code: 'held_until' } });
    clock.advance(60 * 60_000);
    await rt.worker.drain();
    expect(await messagesOf(rt, `orderId=${order.id}`)).toMatchObject([{ status: 'queued', statusReason: EMAIL_OFF }]);

    const off = await rt.app.inject({ method: 'PUT', url: '/api/v1/message-rules/status_update', headers: admin, payload: { ...body, templateKey: 'status_update', enabled: false } });
    expect(off.statusCode, off.body).toBe(200);
    const moved = await rt.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/transitions`, headers: admin, payload: { to: 'confirmed' } });
    expect(moved.statusCode, moved.body).toBe(200);
    await rt.worker.drain();
    expect((await messagesOf(rt, `orderId=${order.id}`)).map((m) => m.templateKey)).toEqual(['order_confirmation']);
    const on = await rt.app.inject({ method: 'PUT', url: '/api/v1/message-rules/status_update', headers: admin, payload: { ...body, templateKey: 'status_update', channels: ['portal'] } });
    expect(on.statusCode).toBe(200);
    await rt.app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/transitions`, headers: admin, payload: { to: 'in_production' } });
    await rt.worker.drain();
    const [update] = await messagesOf(rt, `orderId=${order.id}&channel=portal`);
    expect(update).toMatchObject({ templateKey: 'status_update', status: 'delivered', subject: `Order ${order.number}: in production` });
  });

  it('renders in a thread, or in the transaction when that fails: the same message either way', async () => {
    const person = await createCustomer(rt, { name: '<b>Thread</b> 客户', email: 'thread@example.com' });
    await rt.worker.drain();
    const drainWith = (renderer: Renderer) => createWorker({ db: rt.deps.db, ops: rt.deps.ops, clock, logger: rt.deps.logger, handlers: messagesHandlers({ ...rt.deps, renderer }) }).drain();
    const thread = startRenderThread(() => {}, { entry: BUILT_ENTRY });
    expect(thread).not.toBe(inlineRenderer);
    const viaThread = await placeOrder(rt, person.id);
    try {
      await drainWith(thread);
    } finally {
      await thread.close();
    }
    const gone: Renderer = { renderAll: () => Promise.reject(new Error('render thread gone')), close: async () => {} };
    const viaFallback = await placeOrder(rt, person.id);
    await drainWith(gone);
    const [a] = await messagesOf(rt, `orderId=${viaThread.id}`);
    const [b] = await messagesOf(rt, `orderId=${viaFallback.id}`);
    expect(a).toMatchObject({ status: 'queued', statusReason: EMAIL_OFF, subject: `Order ${viaThread.number} confirmed` });
    expect(b).toMatchObject({ status: 'queued', statusReason: EMAIL_OFF, subject: `Order ${viaFallback.number} confirmed` });
    expect(a!.html).toContain('&lt;b&gt;Thread&lt;/b&gt; 客户');
    expect(b!.html!.replaceAll(viaFallback.number, 'N')).toBe(a!.html!.replaceAll(viaThread.number, 'N'));
  });

  it('only managers and admins edit rules and templates; every staff role reads messages', async () => {
    for (const role of ['sales', 'support', 'warehouse', 'finance'] as const) {
      const h = await rt.asRole(role);
      expect((await rt.app.inject({ method: 'GET', url: '/api/v1/message-rules', headers: h })).statusCode).toBe(403);
      expect((await rt.app.inject({ method: 'GET', url: '/api/v1/templates', headers: h })).statusCode).toBe(403);
      expect((await rt.app.inject({ method: 'GET', url: '/api/v1/messages', headers: h })).statusCode).toBe(200);
    }
    const list = await rt.app.inject({ method: 'GET', url: '/api/v1/templates', headers: await rt.asRole('manager') });
    expect(list.json<{ data: unknown[] }>().data).toHaveLength(12 * 3 * 2);
  });
});
