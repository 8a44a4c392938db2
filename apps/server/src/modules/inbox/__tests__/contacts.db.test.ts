import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactLogEntry, ContactLogList, Customer, TimelineEntry } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { placeOrder, problemOf, seedInbox, type Headers } from './helpers.js';

const clock = manualClock();
let rt: TestRuntime;
let acme: Customer;
let other: Customer;
let support: Headers;

beforeAll(async () => {
  rt = await startTestRuntime({ clock });
  ({ acme, other } = await seedInbox(rt));
  support = await rt.asRole('support');
});
afterAll(() => rt?.close());

const logContact = (customerId: string, payload: object, headers = support) => rt.app.inject({ method: 'POST', url: `/api/v1/customers/${customerId}/contact-log`, headers, payload });
const ago = (minutes: number) => new Date(clock.now().getTime() - minutes * 60_000).toISOString();

describe('logged contacts', () => {
  it('records a phone call, lists it and puts it on the customer timeline', async () => {
    const order = await placeOrder(rt, acme);
    const followUpAt = new Date(clock.now().getTime() + 2 * 86_400_000).toISOString();
    const res = await logContact(acme.id, { kind: 'phone_call', direction: 'outbound', occurredAt: ago(30), durationMinutes: 12, orderId: order.id, outcome: 'follow_up_needed', notes: '  Wants a second quote for 200 pipes.  ', followUpAt });
    expect(res.statusCode, res.body).toBe(201);
    const entry = res.json<ContactLogEntry>();
    expect(entry).toMatchObject({ customerId: acme.id, kind: 'phone_call', direction: 'outbound', occurredAt: ago(30), durationMinutes: 12, orderId: order.id, outcome: 'follow_up_needed', notes: 'Wants a second quote for 200 pipes.', followUpAt, loggedBy: { type: 'api_key' } });

    await logContact(acme.id, { kind: 'meeting', direction: 'inbound', occurredAt: ago(10), outcome: 'resolved', notes: 'Visited the showroom.' });
    const list = await rt.app.inject({ method: 'GET', url: `/api/v1/customers/${acme.id}/contact-log?limit=1`, headers: support });
    const first = list.json<ContactLogList>();
    expect(first.data.map((c) => c.kind)).toEqual(['meeting']);
    const second = (await rt.app.inject({ method: 'GET', url: `/api/v1/customers/${acme.id}/contact-log?limit=1&cursor=${first.nextCursor}`, headers: support })).json<ContactLogList>();
    expect(second).toEqual({ data: [entry], nextCursor: null });

    await rt.worker.drain();
    const timeline = (await rt.app.inject({ method: 'GET', url: `/api/v1/customers/${acme.id}/timeline`, headers: support })).json<{ data: TimelineEntry[] }>();
    const logged = timeline.data.filter((e) => e.type === 'contact.logged');
    expect(logged).toHaveLength(2);
    expect(logged.find((e) => e.data.contactId === entry.id)?.data).toMatchObject({ customerId: acme.id, kind: 'phone_call', outcome: 'follow_up_needed', orderId: order.id, notes: 'Wants a second quote for 200 pipes.' });
  });

  it('answers 400 naming every invalid field', async () => {
    const res = await logContact(acme.id, { kind: 'letter', direction: 'sideways', occurredAt: 'yesterday', durationMinutes: -5, outcome: 'maybe', notes: 'x'.repeat(5001) });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res)).toMatchObject({ code: 'validation_failed' });
    expect(problemOf(res).errors?.map((e) => e.path).sort()).toEqual(['body.direction', 'body.durationMinutes', 'body.kind', 'body.notes', 'body.occurredAt', 'body.outcome']);
    const missing = await logContact(acme.id, {});
    expect(problemOf(missing).errors?.map((e) => e.path).sort()).toEqual(['body.direction', 'body.kind', 'body.occurredAt', 'body.outcome']);

    const future = await logContact(acme.id, { kind: 'phone_call', direction: 'inbound', occurredAt: new Date(clock.now().getTime() + 3_600_000).toISOString(), outcome: 'reached' });
    expect([future.statusCode, problemOf(future).errors?.[0]?.path]).toEqual([400, 'body.occurredAt']);
    const theirs = await placeOrder(rt, other);
    const wrongOrder = await logContact(acme.id, { kind: 'phone_call', direction: 'inbound', occurredAt: ago(1), outcome: 'reached', orderId: theirs.id });
    expect([wrongOrder.statusCode, problemOf(wrongOrder).errors?.[0]?.path]).toEqual([400, 'body.orderId']);
    const unknown = await logContact('cus_nope', { kind: 'phone_call', direction: 'inbound', occurredAt: ago(1), outcome: 'reached' });
    expect([unknown.statusCode, problemOf(unknown).code]).toEqual([404, 'not_found']);
  });

  it('lets only admin, manager, sales and support log and read contacts', async () => {
    const body = { kind: 'video_call', direction: 'outbound', occurredAt: ago(5), outcome: 'no_answer', notes: '' };
    for (const role of ['admin', 'manager', 'sales'] as const) expect((await logContact(other.id, body, await rt.asRole(role))).statusCode).toBe(201);
    for (const role of ['warehouse', 'finance'] as const) {
      const res = await logContact(other.id, body, await rt.asRole(role));
      expect([role, res.statusCode, problemOf(res).code]).toEqual([role, 403, 'forbidden']);
      const read = await rt.app.inject({ method: 'GET', url: `/api/v1/customers/${other.id}/contact-log`, headers: await rt.asRole(role) });
      expect(read.statusCode).toBe(403);
    }
    expect((await rt.app.inject({ method: 'POST', url: `/api/v1/customers/${other.id}/contact-log`, payload: body })).statusCode).toBe(401);
  });
});
