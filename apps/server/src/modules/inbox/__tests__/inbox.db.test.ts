import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, InboxConversation, InboxMessage, InboxThreadList, StaffInboxUnread, TimelineEntry } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { inTransaction } from '../../../platform/db/index.js';
import { postToInbox } from '../index.js';
import { placeOrder, problemOf, seedInbox, type Headers } from './helpers.js';

let rt: TestRuntime;
let acme: Customer;
let other: Customer;
let acmePortal: Headers;
let otherPortal: Headers;

beforeAll(async () => {
  rt = await startTestRuntime();
  ({ acme, other, acmePortal, otherPortal } = await seedInbox(rt));
});
afterAll(() => rt?.close());

const inject = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) => rt.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const staff = async (role: 'support' | 'sales' | 'warehouse' | 'finance' = 'support') => rt.asRole(role);

describe('portal inbox and order conversations', () => {
  it('staff write on an order; the customer sees the thread unread, reads it and replies; staff see the reply', async () => {
    const order = await placeOrder(rt, acme);
    const sent = await inject('POST', `/api/v1/orders/${order.id}/conversation`, await staff(), { subject: 'Delivery date', body: 'Your pipes ship on Friday.' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json<InboxMessage>()).toMatchObject({ customerId: acme.id, orderId: order.id, orderNumber: order.number, direction: 'to_customer', author: { type: 'api_key' }, subject: 'Delivery date', readAt: null });

    const threads = (await inject('GET', '/api/v1/portal/inbox', acmePortal)).json<InboxThreadList>();
    expect(threads.unread).toBe(1);
    expect(threads.data).toEqual([expect.objectContaining({ orderId: order.id, orderNumber: order.number, unread: 1, messages: 1, lastExcerpt: 'Your pipes ship on Friday.', lastDirection: 'to_customer' })]);
    expect((await inject('GET', '/api/v1/portal/inbox', otherPortal)).json<InboxThreadList>()).toEqual({ data: [], unread: 0 });

    const thread = await inject('GET', `/api/v1/portal/inbox/orders/${order.id}`, acmePortal);
    expect(thread.statusCode, thread.body).toBe(200);
    expect(thread.json<InboxConversation>()).toMatchObject({ orderId: order.id, unread: 1, data: [{ body: 'Your pipes ship on Friday.' }] });
    const read = await inject('POST', `/api/v1/portal/inbox/orders/${order.id}/read`, acmePortal);
    expect(read.json()).toEqual({ marked: 1 });
    expect((await inject('GET', '/api/v1/portal/inbox', acmePortal)).json<InboxThreadList>().unread).toBe(0);

    const reply = await inject('POST', `/api/v1/portal/inbox/orders/${order.id}`, acmePortal, { body: 'Friday is fine, thank you.' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json<InboxMessage>()).toMatchObject({ direction: 'from_customer', author: { type: 'portal' }, orderId: order.id });

    const conv = (await inject('GET', `/api/v1/orders/${order.id}/conversation`, await staff('sales'))).json<InboxConversation>();
    expect(conv.data.map((m) => [m.direction, m.body])).toEqual([
      ['to_customer', 'Your pipes ship on Friday.'],
      ['from_customer', 'Friday is fine, thank you.'],
    ]);
    expect(conv.data[0]?.readAt).not.toBeNull();
    expect(conv.unread).toBe(1);
    const unread = (await inject('GET', '/api/v1/inbox/unread', await staff())).json<StaffInboxUnread>();
    expect(unread.threads).toContainEqual(expect.objectContaining({ customerId: acme.id, orderId: order.id, unread: 1 }));
    expect((await inject('POST', `/api/v1/orders/${order.id}/conversation/read`, await staff())).json()).toEqual({ marked: 1 });
    expect((await inject('GET', '/api/v1/inbox/unread', await staff())).json<StaffInboxUnread>().threads.find((t) => t.orderId === order.id)).toBeUndefined();
  });

  it("answers 404 for another customer's order and for unknown orders, and changes nothing", async () => {
    const theirs = await placeOrder(rt, other);
    for (const [method, url] of [
      ['GET', `/api/v1/portal/inbox/orders/${theirs.id}`],
      ['POST', `/api/v1/portal/inbox/orders/${theirs.id}`],
      ['POST', `/api/v1/portal/inbox/orders/${theirs.id}/read`],
      ['GET', '/api/v1/portal/inbox/orders/ord_nope'],
    ] as const) {
      const res = await inject(method, url, acmePortal, method === 'POST' && !url.endsWith('/read') ? { body: 'hello' } : undefined);
      expect([url, res.statusCode, problemOf(res).code]).toEqual([url, 404, 'not_found']);
    }
    expect((await inject('GET', `/api/v1/portal/inbox/orders/${theirs.id}`, otherPortal)).json<InboxConversation>().data).toEqual([]);
    expect((await inject('GET', '/api/v1/orders/ord_nope/conversation', await staff())).statusCode).toBe(404);
    // staff endpoints are not for customers, portal endpoints not for staff keys
    expect((await inject('GET', `/api/v1/orders/${theirs.id}/conversation`, otherPortal)).statusCode).toBeGreaterThanOrEqual(401);
    expect((await inject('GET', '/api/v1/portal/inbox', await staff())).statusCode).toBeGreaterThanOrEqual(401);
  });

  it('lets only admin, manager, sales and support write to customers', async () => {
    const order = await placeOrder(rt, acme);
    for (const role of ['warehouse', 'finance'] as const) {
      const res = await inject('POST', `/api/v1/orders/${order.id}/conversation`, await rt.asRole(role), { body: 'hi' });
      expect([role, res.statusCode, problemOf(res).code]).toEqual([role, 403, 'forbidden']);
    }
    const bad = await inject('POST', `/api/v1/orders/${order.id}/conversation`, await staff(), { body: ' ', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors?.map((e) => e.path).sort()).toEqual(['body.body', 'body.extra']);
    const long = await inject('POST', `/api/v1/portal/inbox/general`, acmePortal, { body: 'x'.repeat(5001) });
    expect([long.statusCode, problemOf(long).errors?.[0]?.path]).toEqual([400, 'body.body']);
  });

  it('replies are idempotent with Idempotency-Key', async () => {
    const order = await placeOrder(rt, acme);
    const headers = { ...acmePortal, 'idempotency-key': `reply-${order.id}` };
    const first = await inject('POST', `/api/v1/portal/inbox/orders/${order.id}`, headers, { body: 'Please call me.' });
    const again = await inject('POST', `/api/v1/portal/inbox/orders/${order.id}`, headers, { body: 'Please call me.' });
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<InboxMessage>().id).toBe(first.json<InboxMessage>().id);
    expect((await inject('GET', `/api/v1/orders/${order.id}/conversation`, await staff())).json<InboxConversation>().data).toHaveLength(1);
    const reused = await inject('POST', `/api/v1/portal/inbox/orders/${order.id}`, headers, { body: 'Something else' });
    expect([reused.statusCode, problemOf(reused).code]).toEqual([422, 'idempotency_key_reused']);
  });

  it('emits inbox.reply_received and inbox.message_sent with customerId, which land on the timeline', async () => {
    const order = await placeOrder(rt, acme);
    await inject('POST', `/api/v1/orders/${order.id}/conversation`, await staff(), { body: 'Ready for pick-up.' });
    const reply = (await inject('POST', `/api/v1/portal/inbox/orders/${order.id}`, acmePortal, { body: 'Coming tomorrow.' })).json<InboxMessage>();
    const events = await rt.deps.db.selectFrom('outbox').select(['type', 'payload']).where('type', 'in', ['inbox.reply_received', 'inbox.message_sent']).execute();
    const mine = events.map((e) => ({ type: e.type, payload: JSON.parse(e.payload) as Record<string, unknown> })).filter((e) => e.payload.orderId === order.id);
    expect(mine).toEqual([
      { type: 'inbox.message_sent', payload: expect.objectContaining({ customerId: acme.id, orderId: order.id, orderNumber: order.number, direction: 'to_customer' }) },
      { type: 'inbox.reply_received', payload: expect.objectContaining({ customerId: acme.id, orderId: order.id, messageId: reply.id, excerpt: 'Coming tomorrow.', actor: expect.objectContaining({ type: 'portal' }) }) },
    ]);
    await rt.worker.drain();
    const timeline = (await inject('GET', `/api/v1/customers/${acme.id}/timeline?limit=200`, await staff())).json<{ data: TimelineEntry[] }>();
    expect(timeline.data.filter((e) => e.data.orderId === order.id).map((e) => e.type)).toEqual(expect.arrayContaining(['inbox.reply_received', 'inbox.message_sent']));
  });

  it('keeps a general thread per customer and takes automated messages through postToInbox', async () => {
    const posted = await inTransaction(rt.deps.db, (tx) => postToInbox(tx, rt.deps, { customerId: other.id, orderId: null, subject: 'Welcome', body: 'Your portal account is ready.', author: 'system' }));
    expect(posted).toMatchObject({ ok: true, value: { author: { type: 'system', id: null }, orderId: null, direction: 'to_customer' } });
    const theirs = await placeOrder(rt, other);
    const refused = await inTransaction(rt.deps.db, (tx) => postToInbox(tx, rt.deps, { customerId: acme.id, orderId: theirs.id, subject: null, body: 'wrong customer', author: 'system' }));
    expect(refused).toEqual({ ok: false, error: { code: 'order_not_found', id: theirs.id } });

    const list = (await inject('GET', '/api/v1/portal/inbox', otherPortal)).json<InboxThreadList>();
    expect(list.data[0]).toMatchObject({ orderId: null, lastSubject: 'Welcome', unread: 1 });
    const reply = await inject('POST', '/api/v1/portal/inbox/general', otherPortal, { body: 'Thanks!' });
    expect(reply.statusCode, reply.body).toBe(201);
    const general = (await inject('GET', `/api/v1/customers/${other.id}/conversation`, await staff())).json<InboxConversation>();
    expect(general.data.map((m) => m.body)).toEqual(['Your portal account is ready.', 'Thanks!']);
    const staffReply = await inject('POST', `/api/v1/customers/${other.id}/conversation`, await staff(), { body: 'You are welcome.' });
    expect(staffReply.statusCode).toBe(201);
    expect((await inject('GET', '/api/v1/portal/inbox/general', otherPortal)).json<InboxConversation>()).toMatchObject({ orderId: null, unread: 2 });
    expect((await inject('GET', '/api/v1/customers/cus_nope/conversation', await staff())).statusCode).toBe(404);
  });
});
