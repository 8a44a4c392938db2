import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Order, Product, Warehouse } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { inTransaction } from '../../../platform/db/index.js';
import { convertReservationsToShipment } from '../../inventory/index.js';
import { asRole, CLERK, count, customer, expectLedgerHolds, level, orderBody, orderOf, ordersApi, problemOf, product, receive, unwrap, warehouse, type OrderEvent, type Page } from './helpers.js';

let rt: TestRuntime;
let acme: Customer;
let sh: Warehouse;
let valve: Product;
let gasket: Product;
const clock = manualClock();

beforeAll(async () => {
  rt = await startTestRuntime({ clock });
  acme = await customer(rt);
  sh = await warehouse(rt, 'SH-01');
  valve = await product(rt, 'VALVE-50');
  gasket = await product(rt, 'GASKET-50');
  await receive(rt, valve.sku, sh.id, 100);
  await receive(rt, gasket.sku, sh.id, 100);
});
afterAll(() => rt?.close());

async function placed(lines = [{ sku: 'VALVE-50', quantity: 10 }]): Promise<Order> {
  return orderOf(await (await asRole(rt, 'sales')).place(orderBody(acme.id, { lines })));
}

describe('order transitions over HTTP', () => {
  it('moves an order along the journey, bumping the version, each step by a role allowed to take it', async () => {
    const order = await placed();
    const sales = await asRole(rt, 'sales');
    const keeper = await asRole(rt, 'warehouse');
    const confirmed = await sales.move(order.id, 'confirmed', 'Customer confirmed by phone');
    expect([confirmed.statusCode, confirmed.headers.etag]).toEqual([200, '"2"']);
    expect(confirmed.json<Order>()).toMatchObject({ status: 'confirmed', version: 2, allowedTransitions: ['cancelled', 'on_hold'] }); // sales: no floor steps
    for (const [to, version] of [['in_production', 3], ['quality_check', 4], ['ready_to_ship', 5]] as const) {
      const res = await keeper.move(order.id, to);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Order>()).toMatchObject({ status: to, version });
    }
    expect(orderOf(await keeper.get(order.id)).allowedTransitions).toEqual(['on_hold']);
    const events = await rt.deps.db.selectFrom('outbox').select('payload').where('type', '=', 'order.status_changed').where('aggregate_id', '=', order.id).orderBy('id').execute();
    expect(events.map((e) => JSON.parse(e.payload) as Record<string, unknown>)[0]).toMatchObject({
      orderId: order.id, customerId: acme.id, number: order.number, from: 'placed', to: 'confirmed', reason: 'Customer confirmed by phone', version: 2, actor: { type: 'api_key' },
    });
    expect(events).toHaveLength(4);
  });

  it('refuses a move the state machine does not allow, or a state that follows from shipments, with the allowed targets in detail', async () => {
    const order = await placed();
    const manager = await asRole(rt, 'manager');
    const history = await count(rt, 'order_events');
    const skip = await manager.move(order.id, 'ready_to_ship');
    expect([skip.statusCode, problemOf(skip).code]).toEqual([409, 'invalid_transition']);
    expect(problemOf(skip).detail).toBe(`Order ${order.number} cannot move from placed to ready_to_ship. Allowed targets: confirmed, cancelled, on_hold.`);
    const ship = await manager.move(order.id, 'shipped');
    expect([ship.statusCode, problemOf(ship).code]).toEqual([409, 'invalid_transition']);
    expect(problemOf(ship).detail).toBe(`shipped follows from shipments and their events and cannot be set by hand (order ${order.number}). Allowed targets: confirmed, cancelled, on_hold.`);
    expect((await manager.move(order.id, 'placed')).statusCode).toBe(409);
    expect(orderOf(await manager.get(order.id))).toMatchObject({ status: 'placed', version: 1 });
    expect(await count(rt, 'order_events')).toBe(history);
  });

  it('answers 403 when the role may not choose that target, and 404 for an unknown order', async () => {
    const order = await placed();
    const keeper = await asRole(rt, 'warehouse');
    const res = await keeper.move(order.id, 'confirmed');
    expect([res.statusCode, problemOf(res).code, problemOf(res).detail]).toEqual([403, 'forbidden', `Role warehouse may not move order ${order.number} to confirmed. Roles that may: admin, manager, sales, support.`]);
    expect((await (await asRole(rt, 'support')).move(order.id, 'confirmed')).statusCode).toBe(200);
    expect((await (await asRole(rt, 'sales')).move(order.id, 'in_production')).statusCode).toBe(403);
    expect((await (await asRole(rt, 'finance')).move(order.id, 'on_hold')).statusCode).toBe(403);
    const missing = await keeper.move('ord_missing', 'on_hold');
    expect([missing.statusCode, problemOf(missing).code]).toEqual([404, 'not_found']);
  });

  it('puts an order on hold and releases it to the state it came from', async () => {
    const order = await placed();
    const manager = await asRole(rt, 'manager');
    await manager.move(order.id, 'confirmed');
    const held = orderOf(await (await asRole(rt, 'warehouse')).move(order.id, 'on_hold', 'Waiting for the credit check'));
    expect(held).toMatchObject({ status: 'on_hold', heldFrom: 'confirmed', allowedTransitions: ['confirmed'] }); // warehouse may release but not cancel
    expect(orderOf(await manager.get(order.id)).allowedTransitions).toEqual(['confirmed', 'cancelled']);
    const elsewhere = await manager.move(order.id, 'in_production');
    expect([elsewhere.statusCode, problemOf(elsewhere).detail]).toEqual([409, `Order ${order.number} cannot move from on_hold to in_production. Allowed targets: confirmed, cancelled.`]);
    const released = orderOf(await (await asRole(rt, 'warehouse')).move(order.id, 'confirmed', 'Credit approved'));
    expect(released).toMatchObject({ status: 'confirmed', heldFrom: null, version: 4 });
  });

  it('cancels an order, releasing every reservation in the same transaction', async () => {
    const order = await placed([{ sku: 'VALVE-50', quantity: 7 }, { sku: 'GASKET-50', quantity: 3 }]);
    const before = { valve: await level(rt, valve.id, sh.id), gasket: await level(rt, gasket.id, sh.id) };
    const sales = await asRole(rt, 'sales');
    const cancelled = orderOf(await sales.move(order.id, 'cancelled', 'Customer changed their mind'));
    expect(cancelled).toMatchObject({ status: 'cancelled', allowedTransitions: [] });
    expect(await level(rt, valve.id, sh.id)).toMatchObject({ reserved: before.valve.reserved - 7, onHand: before.valve.onHand });
    expect(await level(rt, gasket.id, sh.id)).toMatchObject({ reserved: before.gasket.reserved - 3 });
    const rows = await rt.deps.db.selectFrom('stock_reservations').select('status').where('reference_id', '=', order.id).execute();
    expect(rows.map((r) => r.status)).toEqual(['released', 'released']);
    const event = await rt.deps.db.selectFrom('outbox').select('payload').where('type', '=', 'order.cancelled').where('aggregate_id', '=', order.id).executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({ customerId: acme.id, from: 'placed', reason: 'Customer changed their mind', released: expect.arrayContaining([{ sku: 'GASKET-50', warehouseId: sh.id, quantity: 3 }, { sku: 'VALVE-50', warehouseId: sh.id, quantity: 7 }]) });
    const again = await sales.move(order.id, 'cancelled');
    expect([again.statusCode, problemOf(again).detail]).toEqual([409, `Order ${order.number} cannot move from cancelled to cancelled. Allowed targets: none.`]);
    await expectLedgerHolds(rt);
  });

  it('refuses cancellation once anything has shipped, also from hold', async () => {
    const order = await placed();
    const manager = await asRole(rt, 'manager');
    for (const to of ['confirmed', 'ready_to_ship']) expect((await manager.move(order.id, to)).statusCode).toBe(200);
    // What the shipments module will do: ship 4 of the 10 reserved units and mark the order.
    await inTransaction(rt.deps.db, async (tx) => {
      const shipped = unwrap(await convertReservationsToShipment(tx, rt.deps.clock, CLERK, { referenceType: 'order', referenceId: order.id, lines: [{ sku: 'VALVE-50', quantity: 4 }] }));
      await tx.updateTable('orders').set({ status: 'partially_shipped', shipped_anything: 1 }).where('id', '=', order.id).execute();
      return { ok: true as const, value: shipped };
    });
    const refused = await manager.move(order.id, 'cancelled');
    expect([refused.statusCode, problemOf(refused).detail]).toEqual([409, `Order ${order.number} cannot move from partially_shipped to cancelled. Allowed targets: on_hold.`]);
    const held = orderOf(await manager.move(order.id, 'on_hold'));
    expect(held.allowedTransitions).toEqual(['partially_shipped']);
    expect((await manager.move(order.id, 'cancelled')).statusCode).toBe(409);
    expect(orderOf(await manager.move(order.id, 'partially_shipped')).status).toBe('partially_shipped');
    const rows = await rt.deps.db.selectFrom('stock_reservations').select(['status', 'quantity']).where('reference_id', '=', order.id).orderBy('status').execute();
    expect(rows).toEqual([{ status: 'active', quantity: 6 }, { status: 'converted', quantity: 4 }]);
    await expectLedgerHolds(rt);
  });

  it('honours an optional If-Match: a stale version is 412 version_conflict', async () => {
    const order = await placed();
    const sales = await asRole(rt, 'sales');
    const stale = await sales.move(order.id, 'confirmed', undefined, { 'if-match': '"7"' });
    expect([stale.statusCode, problemOf(stale).code]).toEqual([412, 'version_conflict']);
    const bad = await sales.move(order.id, 'confirmed', undefined, { 'if-match': 'seven' });
    expect([bad.statusCode, problemOf(bad).errors?.[0]?.path]).toEqual([400, 'header.if-match']);
    expect((await sales.move(order.id, 'confirmed', undefined, { 'if-match': '"1"' })).statusCode).toBe(200);
  });

  it("lists the order's history oldest first: who, when, from → to, reason and changes", async () => {
    const order = await placed();
    const session = await rt.signIn();
    clock.advance(60_000);
    await ordersApi(rt, session.headers).move(order.id, 'on_hold', 'Address unclear');
    clock.advance(60_000);
    await (await asRole(rt, 'sales')).move(order.id, 'placed', 'Address confirmed');
    const res = await (await asRole(rt, 'finance')).events(order.id);
    expect(res.statusCode).toBe(200);
    const history = res.json<Page<OrderEvent>>();
    expect(history.data.map((e) => [e.type, e.from, e.to, e.reason])).toEqual([
      ['placed', null, 'placed', null],
      ['status_changed', 'placed', 'on_hold', 'Address unclear'],
      ['status_changed', 'on_hold', 'placed', 'Address confirmed'],
    ]);
    expect(history.data[1]).toMatchObject({ actor: { type: 'user', name: 'Demo Admin' }, changes: { status: { from: 'placed', to: 'on_hold' }, heldFrom: { from: null, to: 'placed' } } });
    expect(history.data[2]!.at > history.data[1]!.at).toBe(true);
    expect(history.data[2]!.actor).toMatchObject({ type: 'api_key', name: null });
    const first = (await (await asRole(rt, 'finance')).events(order.id, '?limit=2')).json<Page<OrderEvent>>();
    expect(first.data).toHaveLength(2);
    const rest = (await (await asRole(rt, 'finance')).events(order.id, `?limit=2&cursor=${first.nextCursor}`)).json<Page<OrderEvent>>();
    expect([...first.data, ...rest.data]).toEqual(history.data);
    expect(rest.nextCursor).toBeNull();
    expect((await (await asRole(rt, 'finance')).events('ord_missing')).statusCode).toBe(404);
  });
});
