import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, FulfilmentQueueItem, Order, Warehouse } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { customer, orderBody, orderOf, outboxOf, product, receive, shipmentOf, shipmentsApi, warehouse, withCarriers } from './fixtures.js';

const DAY = 86_400_000;
let rt: TestRuntime;
let acme: Customer;
let wh: Warehouse;
let admin: Record<string, string>;
let api: ReturnType<typeof shipmentsApi>;
const clock = manualClock(Date.parse('2026-11-22T09:00:00.000Z'));

beforeAll(async () => {
  rt = await startTestRuntime({ clock });
  await withCarriers(rt);
  acme = await customer(rt);
  wh = await warehouse(rt, 'WH-L');
  await product(rt, 'LATE-1');
  await receive(rt, 'LATE-1', wh.id, 1000);
  admin = await rt.asRole('admin');
  api = shipmentsApi(rt, admin);
});
afterAll(() => rt?.close());

async function order(over: Record<string, unknown> = {}, confirm = true): Promise<Order> {
  const o = orderOf(await rt.app.inject({ method: 'POST', url: '/api/v1/orders', headers: admin, payload: orderBody(acme.id, { lines: [{ sku: 'LATE-1', quantity: 2 }], paymentTerms: { method: 'net', netDays: 30 }, ...over }) }));
  if (!confirm) return o;
  const res = await api.move(o.id, 'confirmed');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Order>();
}

describe('late detection through outbox timers', () => {
  it('raises shipment.late for a shipment undelivered after its estimated day, not for one delivered in time, and order.late for an open order past its due date', async () => {
    const lateOrder = await order({ requestedDeliveryDate: '2026-11-24' });
    const onTime = await order({ requestedDeliveryDate: '2026-11-30', promisedDeliveryDate: '2026-11-24' });
    const cancelled = await order({ requestedDeliveryDate: '2026-11-24' });
    const slow = shipmentOf(await api.create(lateOrder.id, { lines: [{ lineId: lateOrder.lines[0]!.id, quantity: 2 }], carrier: 'SF', estimatedDeliveryDate: '2026-11-23' }));
    const quick = shipmentOf(await api.create(onTime.id, { lines: [{ lineId: onTime.lines[0]!.id, quantity: 2 }], carrier: 'SF', estimatedDeliveryDate: '2026-11-23' }));
    expect((await api.move(cancelled.id, 'cancelled')).statusCode).toBe(200);
    await rt.worker.drain(); // order.placed → the due timers
    const timers = await rt.deps.db.selectFrom('outbox').select(['dedupe_key', 'available_at']).where('type', '=', 'order.due').orderBy('dedupe_key').execute();
    expect(timers).toHaveLength(3);
    expect(timers.find((t) => t.dedupe_key === `order.due:${onTime.id}:2026-11-24`)?.available_at).toBe('2026-11-24T23:59:59.999Z');

    shipmentOf(await api.event(quick.id, { type: 'delivered', signedBy: 'Front desk' }));
    clock.advance(DAY); // 11-23 09:00: nothing is due yet
    await rt.worker.drain();
    expect(await outboxOf(rt, 'shipment.late')).toEqual([]);

    clock.advance(DAY); // 11-24 09:00: the shipments' day (11-23) has passed
    await rt.worker.drain();
    const shipmentLate = await outboxOf(rt, 'shipment.late');
    expect(shipmentLate.map((e) => e.payload)).toEqual([expect.objectContaining({ shipmentId: slow.id, orderId: lateOrder.id, customerId: acme.id, estimatedDeliveryDate: '2026-11-23' })]);
    expect(await outboxOf(rt, 'order.late')).toEqual([]);

    clock.advance(DAY); // 11-25 09:00: the orders' day (11-24) has passed
    await rt.worker.drain();
    const orderLate = await outboxOf(rt, 'order.late');
    // onTime was delivered, cancelled is settled: only lateOrder (shipped, not delivered) is late.
    expect(orderLate.map((e) => e.payload)).toEqual([expect.objectContaining({ orderId: lateOrder.id, customerId: acme.id, dueDate: '2026-11-24', status: 'shipped' })]);
    await rt.worker.drain();
    expect(await outboxOf(rt, 'order.late')).toHaveLength(1);
  });
});

describe('the fulfilment queue', () => {
  it('lists orders with units left to ship, urgent first, then earliest promised (else requested) date, page by page', async () => {
    const normalLate = await order({ priority: 'normal', requestedDeliveryDate: '2026-12-20' });
    const normalSoon = await order({ priority: 'normal', requestedDeliveryDate: '2026-12-30', promisedDeliveryDate: '2026-12-10' });
    const urgent = await order({ priority: 'urgent', requestedDeliveryDate: '2026-12-31' });
    const placedOnly = await order({ priority: 'urgent' }, false);
    const partial = await order({ priority: 'high', requestedDeliveryDate: '2026-12-15' });
    shipmentOf(await api.create(partial.id, { lines: [{ lineId: partial.lines[0]!.id, quantity: 1 }], carrier: 'SF' }));
    const done = await order({ priority: 'urgent' });
    shipmentOf(await api.create(done.id, { lines: [{ lineId: done.lines[0]!.id, quantity: 2 }], carrier: 'SF' }));

    const keeper = shipmentsApi(rt, await rt.asRole('warehouse'));
    const first = (await keeper.queue('?limit=2')).json<{ data: FulfilmentQueueItem[]; nextCursor: string | null }>();
    const rest = (await keeper.queue(`?limit=200&cursor=${first.nextCursor}`)).json<{ data: FulfilmentQueueItem[]; nextCursor: string | null }>();
    const ids = [...first.data, ...rest.data].map((i) => i.orderId);
    expect(ids).not.toContain(placedOnly.id);
    expect(ids).not.toContain(done.id);
    const mine = ids.filter((id) => [normalLate.id, normalSoon.id, urgent.id, partial.id].includes(id));
    expect(mine).toEqual([urgent.id, partial.id, normalSoon.id, normalLate.id]);
    const item = [...first.data, ...rest.data].find((i) => i.orderId === partial.id);
    expect(item).toMatchObject({ status: 'partially_shipped', priority: 'high', dueDate: '2026-12-15', unitsRemaining: 1, linesRemaining: 1, awaitingPayment: false });
    expect(rest.nextCursor).toBeNull();
    const bad = await keeper.queue('?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
  });
});
