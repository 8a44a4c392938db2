import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, type Customer, type Order, type PortalOrder, type PortalOrderSummary, type PortalSession } from '@ordercare/contracts';
import { sessionCookie, startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/index.js';
import { createPortalAccount } from '../../identity/index.js';
import { asRole, customer, orderBody, orderOf, problemOf, product, receive, unwrap, warehouse, type Page } from './helpers.js';

let rt: TestRuntime;
let acme: Customer;
let other: Customer;
let acmePortal: Record<string, string>;
let otherPortal: Record<string, string>;

async function portalSession(c: Customer, email: string): Promise<Record<string, string>> {
  unwrap(await createPortalAccount(rt.deps, SYSTEM_ACTOR, { customerId: c.id, email, name: c.name, locale: 'en', password: 'portal-password-1' }));
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/portal/auth/login', payload: { email, password: 'portal-password-1' } });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: sessionCookie(res), [CSRF_HEADER]: res.json<PortalSession>().csrfToken };
}

const portalGet = (url: string, headers: Record<string, string>) => rt.app.inject({ method: 'GET', url: `/api/v1/portal${url}`, headers });

async function place(c: Customer, over: Record<string, unknown> = {}): Promise<Order> {
  return orderOf(await (await asRole(rt, 'sales')).place(orderBody(c.id, { lines: [{ sku: 'PIPE-20', quantity: 2 }], ...over })));
}

beforeAll(async () => {
  rt = await startTestRuntime();
  acme = await customer(rt, 'Acme Ltd');
  other = await customer(rt, 'Other Co');
  const wh = await warehouse(rt, 'SH-01');
  await product(rt, 'PIPE-20');
  await receive(rt, 'PIPE-20', wh.id, 500);
  acmePortal = await portalSession(acme, 'buyer@acme.example');
  otherPortal = await portalSession(other, 'buyer@other.example');
});
afterAll(() => rt?.close());

describe('portal orders', () => {
  it("lists only the customer's own orders, newest first, with a status filter and pages", async () => {
    const mine = [await place(acme), await place(acme), await place(acme)];
    const theirs = await place(other);
    await (await asRole(rt, 'sales')).move(mine[0]!.id, 'confirmed');

    const res = await portalGet('/orders?limit=2', acmePortal);
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json<Page<PortalOrderSummary>>();
    expect(first.data.map((o) => o.number)).toEqual([mine[2]!.number, mine[1]!.number]);
    expect(first.data[0]).not.toHaveProperty('customerId');
    expect(first.data[0]).not.toHaveProperty('priority');
    const second = (await portalGet(`/orders?limit=2&cursor=${first.nextCursor}`, acmePortal)).json<Page<PortalOrderSummary>>();
    expect(second.data.map((o) => o.number)).toEqual([mine[0]!.number]);

    const confirmed = (await portalGet('/orders?status=confirmed', acmePortal)).json<Page<PortalOrderSummary>>();
    expect(confirmed.data.map((o) => o.id)).toEqual([mine[0]!.id]);
    const everything = (await portalGet('/orders?limit=200', otherPortal)).json<Page<PortalOrderSummary>>();
    expect(everything.data.map((o) => o.id)).toEqual([theirs.id]);

    const bad = await portalGet('/orders?cursor=bm9wZQ', acmePortal);
    expect([bad.statusCode, problemOf(bad).errors?.[0]?.path]).toEqual([400, 'query.cursor']);
  });

  it("shows one order without staff notes, and answers 404 for another customer's order", async () => {
    const order = await place(acme, { notes: 'Customer is slow to pay: call first', specialRequirements: 'Deliver to gate 3' });
    const res = await portalGet(`/orders/${order.id}`, acmePortal);
    expect(res.statusCode, res.body).toBe(200);
    const seen = res.json<PortalOrder>();
    expect(seen).toMatchObject({ id: order.id, number: order.number, status: 'placed', totals: order.totals, specialRequirements: 'Deliver to gate 3', pendingChange: null, invoiceAvailable: false });
    expect(res.body).not.toContain('slow to pay');
    expect(seen).not.toHaveProperty('allowedTransitions');

    const stranger = await portalGet(`/orders/${order.id}`, otherPortal);
    expect([stranger.statusCode, problemOf(stranger).code]).toEqual([404, 'not_found']);
    const staff = await rt.app.inject({ method: 'GET', url: `/api/v1/portal/orders/${order.id}`, headers: await rt.asRole('admin') });
    expect(staff.statusCode).toBe(401);
  });

  it('marks an order whose change waits for the customer, and shows the change', async () => {
    const order = orderOf(await (await asRole(rt, 'sales')).move((await place(acme)).id, 'confirmed'));
    const edit = await rt.app.inject({ method: 'PATCH', url: `/api/v1/orders/${order.id}`, headers: { ...(await rt.asRole('sales')), 'if-match': `"${order.version}"` }, payload: { lines: [{ sku: 'PIPE-20', quantity: 3 }], notes: 'Staff only: upsell worked' } });
    expect(edit.statusCode, edit.body).toBe(202);
    const list = (await portalGet('/orders?limit=200', acmePortal)).json<Page<PortalOrderSummary>>();
    expect(list.data.find((o) => o.id === order.id)?.changePending).toBe(true);
    expect(list.data.filter((o) => o.id !== order.id).every((o) => !o.changePending)).toBe(true);
    const detail = (await portalGet(`/orders/${order.id}`, acmePortal)).json<PortalOrder>();
    expect(detail.pendingChange).toMatchObject({ status: 'pending', totalBefore: order.totals.total });
    expect(detail.pendingChange!.totalAfter).toBeGreaterThan(order.totals.total);
    expect(Object.keys(detail.pendingChange!.diff).sort()).toEqual(['lines', 'total']);
    expect(JSON.stringify(detail)).not.toContain('upsell');
  });

  it('serves the confirmation PDF, and the invoice only once finance has issued it', async () => {
    const order = await place(acme);
    const confirmation = await portalGet(`/orders/${order.id}/documents/confirmation.pdf`, acmePortal);
    expect([confirmation.statusCode, confirmation.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(confirmation.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const stranger = await portalGet(`/orders/${order.id}/documents/confirmation.pdf`, otherPortal);
    expect(stranger.statusCode).toBe(404);

    const early = await portalGet(`/orders/${order.id}/documents/invoice.pdf`, acmePortal);
    expect([early.statusCode, problemOf(early).detail]).toEqual([404, `Order ${order.number} has no invoice yet; it appears here once it has been issued.`]);
    expect(await rt.deps.db.selectFrom('order_invoices').select('number').where('order_id', '=', order.id).executeTakeFirst()).toBeUndefined();

    const issued = await rt.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}/documents/invoice.pdf`, headers: await rt.asRole('finance') });
    expect(issued.statusCode).toBe(200);
    expect((await portalGet(`/orders/${order.id}`, acmePortal)).json<PortalOrder>().invoiceAvailable).toBe(true);
    const invoice = await portalGet(`/orders/${order.id}/documents/invoice.pdf`, acmePortal);
    expect([invoice.statusCode, invoice.headers['content-type']]).toEqual([200, 'application/pdf']);
    const slip = await portalGet(`/orders/${order.id}/documents/packing-slip.pdf`, acmePortal);
    expect(slip.statusCode).toBe(404);
  });
});
