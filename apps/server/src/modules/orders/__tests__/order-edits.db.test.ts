import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, type Customer, type Order, type OrderChange, type PortalSession, type Product, type Warehouse } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { sessionCookie, startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/index.js';
import { inTransaction } from '../../../platform/db/index.js';
import { createPortalAccount } from '../../identity/index.js';
import { convertReservationsToShipment } from '../../inventory/index.js';
import { asRole, CLERK, customer, expectLedgerHolds, footprint, level, orderBody, orderOf, problemOf, product, receive, unwrap, warehouse, type OrderEvent, type Page } from './helpers.js';

let rt: TestRuntime;
let acme: Customer;
let other: Customer;
let sh: Warehouse;
let valve: Product;
const clock = manualClock();
type Headers = Record<string, string>;

beforeAll(async () => {
  rt = await startTestRuntime({ clock });
  acme = await customer(rt);
  other = await customer(rt, 'Other Co');
  sh = await warehouse(rt, 'SH-01');
  valve = await product(rt, 'VALVE-50'); // 1000 minor units, 13 % tax
  await product(rt, 'GASKET-50', { unitPrice: 500 });
  await receive(rt, valve.sku, sh.id, 1000);
  await receive(rt, 'GASKET-50', sh.id, 100);
});
afterAll(() => rt?.close());

async function placed(quantity = 10): Promise<Order> {
  return orderOf(await (await asRole(rt, 'sales')).place(orderBody(acme.id, { lines: [{ sku: 'VALVE-50', quantity }] })));
}

async function confirmed(quantity = 10): Promise<Order> {
  const order = await placed(quantity);
  return orderOf(await (await asRole(rt, 'sales')).move(order.id, 'confirmed'));
}

async function patch(id: string, body: object, ifMatch?: string | number) {
  const headers: Headers = { ...(await rt.asRole('sales')), ...(ifMatch === undefined ? {} : { 'if-match': typeof ifMatch === 'number' ? `"${ifMatch}"` : ifMatch }) };
  return rt.app.inject({ method: 'PATCH', url: `/api/v1/orders/${id}`, headers, payload: body });
}

async function decide(id: string, changeId: string, decision: 'approve' | 'decline', headers?: Headers, note?: string) {
  const url = headers ? `/api/v1/portal/orders/${id}/changes/${changeId}/decision` : `/api/v1/orders/${id}/changes/${changeId}/decision`;
  return rt.app.inject({ method: 'POST', url, headers: headers ?? (await rt.asRole('support')), payload: note ? { decision, note } : { decision } });
}

async function outbox(type: string, orderId: string) {
  const rows = await rt.deps.db.selectFrom('outbox').select('payload').where('type', '=', type).where('aggregate_id', '=', orderId).orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
}

async function history(id: string) {
  return (await (await asRole(rt, 'finance')).events(id)).json<Page<OrderEvent>>().data;
}

async function portalSession(c: Customer, email: string): Promise<Headers> {
  unwrap(await createPortalAccount(rt.deps, SYSTEM_ACTOR, { customerId: c.id, email, name: c.name, locale: 'en', password: 'portal-password-1' }));
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/portal/auth/login', payload: { email, password: 'portal-password-1' } });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: sessionCookie(res), [CSRF_HEADER]: res.json<PortalSession>().csrfToken };
}

describe('editing an order', () => {
  it('applies an edit of a placed order: re-prices, adjusts the reservation, records history, audit and order.changed', async () => {
    const order = await placed(10);
    const before = await level(rt, valve.id, sh.id);
    const res = await patch(order.id, { lines: [{ sku: 'VALVE-50', quantity: 15 }, { sku: 'GASKET-50', quantity: 2 }], notes: 'Call before delivery' }, order.version);
    expect([res.statusCode, res.headers.etag], res.body).toEqual([200, '"2"']);
    const edited = res.json<Order>();
    expect(edited.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([['VALVE-50', 15, 1000], ['GASKET-50', 2, 500]]);
    expect(edited.totals).toEqual({ subtotal: 16000, discount: 0, tax: 2080, shipping: 0, total: 18080 });
    expect(edited).toMatchObject({ notes: 'Call before delivery', version: 2, pendingChange: null, balanceAdjustment: 0 });
    expect(await level(rt, valve.id, sh.id)).toMatchObject({ reserved: before.reserved + 5, onHand: before.onHand });
    const active = await rt.deps.db.selectFrom('stock_reservations').select(['status']).where('reference_id', '=', order.id).where('status', '=', 'active').execute();
    expect(active).toHaveLength(2);

    const events = await history(order.id);
    expect(events.map((e) => e.type)).toEqual(['placed', 'changed']);
    expect(events[1]!.changes).toMatchObject({
      notes: { from: null, to: 'Call before delivery' },
      total: { from: 11300, to: 18080 },
      lines: { from: [{ sku: 'VALVE-50', quantity: 10, unitPrice: 1000 }], to: [{ sku: 'VALVE-50', quantity: 15, unitPrice: 1000 }, { sku: 'GASKET-50', quantity: 2, unitPrice: 500 }] },
    });
    const audit = await rt.deps.db.selectFrom('audit_log').select('changes').where('entity_id', '=', order.id).where('action', '=', 'order.changed').execute();
    expect(audit).toHaveLength(1);
    expect((await outbox('order.changed', order.id))[0]).toMatchObject({ customerId: acme.id, number: order.number, totalBefore: 11300, totalAfter: 18080 });
    await expectLedgerHolds(rt);
  });

  it('requires If-Match (428) and refuses a stale one (412)', async () => {
    const order = await placed();
    const missing = await patch(order.id, { priority: 'urgent' });
    expect([missing.statusCode, problemOf(missing).code]).toEqual([428, 'if_match_required']);
    const stale = await patch(order.id, { priority: 'urgent' }, 7);
    expect([stale.statusCode, problemOf(stale).code]).toEqual([412, 'version_conflict']);
    expect(orderOf(await (await asRole(rt, 'sales')).get(order.id))).toMatchObject({ priority: 'normal', version: 1 });
  });

  it('refuses an edit beyond the stock with 409 insufficient_stock and changes nothing', async () => {
    const order = await placed(10);
    const before = { trace: await footprint(rt), level: await level(rt, valve.id, sh.id) };
    const res = await patch(order.id, { lines: [{ sku: 'VALVE-50', quantity: 50000 }] }, 1);
    expect([res.statusCode, problemOf(res).code], res.body).toEqual([409, 'insufficient_stock']);
    expect(problemOf(res).errors?.[0]?.path).toBe('body.lines.0');
    expect(await footprint(rt)).toEqual(before.trace);
    expect(await level(rt, valve.id, sh.id)).toEqual(before.level);
    expect(orderOf(await (await asRole(rt, 'sales')).get(order.id))).toMatchObject({ version: 1, totals: { total: 11300 } });
  });
});

describe('changes awaiting the customer', () => {
  it('turns a total-changing edit of a confirmed order into a pending change (202), stock untouched; one at a time; staff approve applies it', async () => {
    const order = await confirmed(10);
    const same = await patch(order.id, { specialRequirements: 'Fragile' }, order.version);
    expect(same.statusCode, same.body).toBe(200); // the total does not change: applied at once
    const stock = await level(rt, valve.id, sh.id);

    const res = await patch(order.id, { lines: [{ sku: 'VALVE-50', quantity: 12 }] }, 3);
    expect(res.statusCode, res.body).toBe(202);
    const pending = res.json<Order>();
    expect(pending).toMatchObject({ version: 4, totals: { total: 11300 }, lines: [{ quantity: 10 }] });
    expect(pending.pendingChange).toMatchObject({ status: 'pending', totalBefore: 11300, totalAfter: 13560, diff: { total: { from: 11300, to: 13560 } } });
    expect(await level(rt, valve.id, sh.id)).toEqual(stock);
    expect(orderOf(await (await asRole(rt, 'finance')).get(order.id)).pendingChange?.id).toBe(pending.pendingChange!.id);
    expect((await outbox('order.change_requested', order.id))[0]).toMatchObject({ customerId: acme.id, orderId: order.id, number: order.number, totalBefore: 11300, totalAfter: 13560 });

    const second = await patch(order.id, { priority: 'high' }, 4);
    expect([second.statusCode, problemOf(second).code]).toEqual([409, 'change_pending']);

    const approved = await decide(order.id, pending.pendingChange!.id, 'approve', undefined, 'Customer agreed by phone');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<Order>()).toMatchObject({ version: 5, pendingChange: null, balanceAdjustment: 2260, totals: { total: 13560 }, lines: [{ quantity: 12 }] });
    expect(await level(rt, valve.id, sh.id)).toMatchObject({ reserved: stock.reserved + 2 });
    expect((await history(order.id)).map((e) => e.type)).toEqual(['placed', 'status_changed', 'changed', 'change_requested', 'changed', 'change_approved']);
    expect((await outbox('order.change_approved', order.id))[0]).toMatchObject({ customerId: acme.id, balanceAdjustment: 2260, note: 'Customer agreed by phone' });
    const again = await decide(order.id, pending.pendingChange!.id, 'decline');
    expect([again.statusCode, problemOf(again).code]).toEqual([409, 'change_not_pending']);
    await expectLedgerHolds(rt);
  });

  it('records a refund due when an approved change lowers the total', async () => {
    const order = await confirmed(10);
    const change = (await patch(order.id, { lines: [{ sku: 'VALVE-50', quantity: 8 }] }, 2)).json<Order>().pendingChange!;
    const approved = orderOf(await decide(order.id, change.id, 'approve'));
    expect(approved).toMatchObject({ balanceAdjustment: -2260, totals: { total: 9040 } });
  });

  it('declines a pending change: nothing applied', async () => {
    const order = await confirmed(10);
    const stock = await level(rt, valve.id, sh.id);
    const change = (await patch(order.id, { lines: [{ sku: 'VALVE-50', quantity: 20 }] }, 2)).json<Order>().pendingChange!;
    const declined = orderOf(await decide(order.id, change.id, 'decline', undefined, 'Too expensive'));
    expect(declined).toMatchObject({ pendingChange: null, balanceAdjustment: 0, totals: { total: 11300 }, lines: [{ quantity: 10 }] });
    expect(await level(rt, valve.id, sh.id)).toEqual(stock);
    const row = await rt.deps.db.selectFrom('order_changes').selectAll().where('id', '=', change.id).executeTakeFirstOrThrow();
    expect([row.status, row.note]).toEqual(['declined', 'Too expensive']);
    expect((await outbox('order.change_declined', order.id))[0]).toMatchObject({ customerId: acme.id, changeId: change.id });
    expect((await patch(order.id, { priority: 'high' }, declined.version)).statusCode).toBe(200);
  });

  it('keeps the change pending when approval finds too little stock', async () => {
    const order = await confirmed(10);
    const change = (await patch(order.id, { lines: [{ sku: 'VALVE-50', quantity: 50000 }] }, 2)).json<Order>().pendingChange!;
    const res = await decide(order.id, change.id, 'approve');
    expect([res.statusCode, problemOf(res).code]).toEqual([409, 'insufficient_stock']);
    expect(orderOf(await (await asRole(rt, 'sales')).get(order.id))).toMatchObject({ version: 3, pendingChange: { id: change.id, status: 'pending' } });
  });

  it("lets the owning customer decide in the portal; another customer's session gets 404", async () => {
    const order = await confirmed(10);
    const change = (await patch(order.id, { lines: [{ sku: 'VALVE-50', quantity: 11 }] }, 2)).json<Order>().pendingChange!;
    const stranger = await decide(order.id, change.id, 'approve', await portalSession(other, 'buyer@other.example'));
    expect([stranger.statusCode, problemOf(stranger).code]).toEqual([404, 'not_found']);
    const owner = await decide(order.id, change.id, 'approve', await portalSession(acme, 'buyer@acme.example'));
    expect(owner.statusCode, owner.body).toBe(200);
    expect(owner.json<OrderChange>()).toMatchObject({ id: change.id, status: 'approved', decidedBy: { type: 'portal' } });
    expect(orderOf(await (await asRole(rt, 'sales')).get(order.id))).toMatchObject({ balanceAdjustment: 1130, lines: [{ quantity: 11 }] });
    const staffOnPortal = await rt.app.inject({ method: 'POST', url: `/api/v1/portal/orders/${order.id}/changes/${change.id}/decision`, headers: await rt.asRole('admin'), payload: { decision: 'approve' } });
    expect(staffOnPortal.statusCode).toBe(401);
  });
});

describe('edits that are refused', () => {
  it('refuses an edit once anything has shipped, and of a cancelled order (409 order_not_editable)', async () => {
    const order = await confirmed(10);
    await inTransaction(rt.deps.db, async (tx) => {
      const shipped = unwrap(await convertReservationsToShipment(tx, rt.deps.clock, CLERK, { referenceType: 'order', referenceId: order.id, lines: [{ sku: 'VALVE-50', quantity: 4 }] }));
      await tx.updateTable('orders').set({ status: 'partially_shipped', shipped_anything: 1 }).where('id', '=', order.id).execute();
      return { ok: true as const, value: shipped };
    });
    const res = await patch(order.id, { notes: 'too late' }, 2);
    expect([res.statusCode, problemOf(res).code]).toEqual([409, 'order_not_editable']);
    expect(problemOf(res).detail).toContain('something has already shipped');

    const cancelled = orderOf(await (await asRole(rt, 'sales')).move((await placed()).id, 'cancelled'));
    const refused = await patch(cancelled.id, { notes: 'too late' }, cancelled.version);
    expect([refused.statusCode, problemOf(refused).detail]).toEqual([409, `Order ${cancelled.number} can no longer be edited: it is cancelled.`]);
  });
});
