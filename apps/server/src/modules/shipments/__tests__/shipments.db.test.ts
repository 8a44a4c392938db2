import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Order, OrderEvent, Product, Shipment, Warehouse } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { customer, expectLedgerHolds, footprint, level, orderBody, orderNow, orderOf, outboxOf, problemOf, product, receive, shipmentOf, shipmentsApi, warehouse, withCarriers } from './fixtures.js';

let rt: TestRuntime;
let acme: Customer;
let wa: Warehouse;
let wb: Warehouse;
let admin: Record<string, string>;
let api: ReturnType<typeof shipmentsApi>;
const clock = manualClock();

beforeAll(async () => {
  rt = await startTestRuntime({ clock });
  await withCarriers(rt);
  acme = await customer(rt);
  wa = await warehouse(rt, 'WH-A');
  wb = await warehouse(rt, 'WH-B');
  admin = await rt.asRole('admin');
  api = shipmentsApi(rt, admin);
});
afterAll(() => rt?.close());

let skuN = 0;
/** A fresh tracked product with stock in A and B. */
async function stocked(a: number, b: number): Promise<Product> {
  const p = await product(rt, `SHIP-${++skuN}`);
  if (a) await receive(rt, p.sku, wa.id, a);
  if (b) await receive(rt, p.sku, wb.id, b);
  return p;
}

async function confirmedOrder(lines: { sku: string; quantity: number }[], over: Record<string, unknown> = {}): Promise<Order> {
  const order = orderOf(await rt.app.inject({ method: 'POST', url: '/api/v1/orders', headers: admin, payload: orderBody(acme.id, { lines, paymentTerms: { method: 'net', netDays: 30 }, ...over }) }));
  const res = await api.move(order.id, 'confirmed');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Order>();
}

const lineOf = (order: Order, sku: string) => order.lines.find((l) => l.sku === sku)!.id;

async function reservedIn(orderId: string) {
  const rows = await rt.deps.db.selectFrom('stock_reservations').select(['warehouse_id', 'product_id', 'quantity']).where('reference_id', '=', orderId).where('status', '=', 'active').execute();
  return rows.map((r) => ({ warehouse: r.warehouse_id, product: r.product_id, quantity: r.quantity }));
}

describe('partial shipments across two warehouses', () => {
  it('ships an order in three parts from A and B, checking the ledger and the order status after each step, then delivers it', async () => {
    const valve = await stocked(4, 3);
    const gasket = await stocked(10, 0);
    const order = await confirmedOrder([{ sku: valve.sku, quantity: 6 }, { sku: gasket.sku, quantity: 2 }]);
    expect(await reservedIn(order.id)).toEqual(expect.arrayContaining([{ warehouse: wa.id, product: valve.id, quantity: 4 }, { warehouse: wb.id, product: valve.id, quantity: 2 }, { warehouse: wa.id, product: gasket.id, quantity: 2 }]));

    // The valve is reserved in both warehouses: the caller has to choose.
    const ambiguous = await api.create(order.id, { lines: [{ lineId: lineOf(order, valve.sku), quantity: 1 }], carrier: 'SF' });
    expect([ambiguous.statusCode, problemOf(ambiguous).code]).toEqual([400, 'validation_failed']);
    expect(problemOf(ambiguous).detail).toContain(wa.id);
    expect(problemOf(ambiguous).detail).toContain(wb.id);

    // 1. From A: 3 valves and both gaskets.
    const first = shipmentOf(
      await api.create(order.id, {
        warehouseId: wa.id,
        lines: [{ lineId: lineOf(order, valve.sku), quantity: 3 }, { lineId: lineOf(order, gasket.sku), quantity: 2 }],
        carrier: 'SF',
        service: 'Standard',
        trackingNumber: 'SF 123/45',
        packages: 2,
        weightGrams: 1500,
        estimatedDeliveryDate: '2026-11-25',
      }),
    );
    expect(first).toMatchObject({ warehouseId: wa.id, carrier: 'SF', carrierName: 'SF Express', status: 'created', packages: 2, weightGrams: 1500, estimatedDeliveryDate: '2026-11-25' });
    expect(first.trackingUrl).toBe('https://www.sf-express.com/chn/en/waybill/waybill-detail/SF%20123%2F45');
    let now = await orderNow(rt, admin, order.id);
    expect(now.status).toBe('partially_shipped');
    expect(now.lines.map((l) => [l.sku, l.shipped])).toEqual([[valve.sku, 3], [gasket.sku, 2]]);
    expect(await level(rt, valve.id, wa.id)).toEqual({ onHand: 1, reserved: 1, available: 0 });
    expect(await level(rt, valve.id, wb.id)).toEqual({ onHand: 3, reserved: 2, available: 1 });
    expect(await level(rt, gasket.id, wa.id)).toEqual({ onHand: 8, reserved: 0, available: 8 });
    await expectLedgerHolds(rt);

    // 2. From B: 2 valves; one valve remains (at A).
    const second = shipmentOf(await api.create(order.id, { warehouseId: wb.id, lines: [{ lineId: lineOf(order, valve.sku), quantity: 2 }], carrier: 'DHL', trackingNumber: 'JD0001' }));
    expect(second.warehouseId).toBe(wb.id);
    now = await orderNow(rt, admin, order.id);
    expect([now.status, now.lines[0]!.shipped]).toEqual(['partially_shipped', 5]);
    expect(await level(rt, valve.id, wb.id)).toEqual({ onHand: 1, reserved: 0, available: 1 });
    await expectLedgerHolds(rt);

    // 3. The last valve: only A holds a reservation now, so warehouseId may be left out.
    const third = shipmentOf(await api.create(order.id, { lines: [{ lineId: lineOf(order, valve.sku), quantity: 1 }], carrier: 'EMS' }));
    expect([third.warehouseId, third.trackingUrl]).toEqual([wa.id, null]);
    now = await orderNow(rt, admin, order.id);
    expect(now.status).toBe('shipped');
    expect(now.allowedTransitions).toEqual([]);
    expect(await level(rt, valve.id, wa.id)).toEqual({ onHand: 0, reserved: 0, available: 0 });
    expect(await reservedIn(order.id)).toEqual([]);
    await expectLedgerHolds(rt);
    const movements = await rt.deps.db.selectFrom('stock_movements').select(['product_id', 'warehouse_id', 'quantity']).where('kind', '=', 'shipment').where('reference_id', '=', order.id).execute();
    expect(movements.reduce((s, m) => s + m.quantity, 0)).toBe(-8);

    // Tracking events; the order is delivered only when all three shipments are.
    const moving = shipmentOf(await api.event(first.id, { type: 'in_transit', location: 'Shanghai hub' }));
    expect(moving.status).toBe('in_transit');
    shipmentOf(await api.event(first.id, { type: 'delivered', signedBy: 'Li Wei', at: '2026-11-22T08:30:00Z' }));
    shipmentOf(await api.event(second.id, { type: 'delivered', signedBy: 'Wang Fang' }));
    expect((await orderNow(rt, admin, order.id)).status).toBe('shipped');
    const last = shipmentOf(await api.event(third.id, { type: 'delivered', signedBy: 'Li Wei' }));
    expect(last).toMatchObject({ status: 'delivered', signedBy: 'Li Wei', deliveredAt: clock.iso() });
    expect((await orderNow(rt, admin, order.id)).status).toBe('delivered');

    const delivered = shipmentOf(await api.get(first.id));
    expect(delivered).toMatchObject({ status: 'delivered', signedBy: 'Li Wei', deliveredAt: '2026-11-22T08:30:00.000Z' });
    expect(delivered.events.map((e) => [e.type, e.location, e.signedBy])).toEqual([['delivered', null, 'Li Wei'], ['in_transit', 'Shanghai hub', null]]);

    const list = await api.ofOrder(order.id);
    expect(list.json<{ data: Shipment[] }>().data.map((s) => s.id)).toEqual([first.id, second.id, third.id]);

    const history = await rt.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}/events?limit=200`, headers: admin });
    const events = history.json<{ data: OrderEvent[] }>().data;
    expect(events.filter((e) => e.type === 'shipment_created')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'shipment_updated')).toHaveLength(4);
    expect(events.filter((e) => e.type === 'status_changed').map((e) => e.to)).toEqual(['confirmed', 'partially_shipped', 'shipped', 'delivered']);
    expect((await outboxOf(rt, 'shipment.created')).filter((e) => e.payload.orderId === order.id)).toHaveLength(3);
    expect((await outboxOf(rt, 'shipment.delivered')).filter((e) => e.payload.orderId === order.id).map((e) => e.payload.customerId)).toEqual([acme.id, acme.id, acme.id]);
    expect((await outboxOf(rt, 'order.status_changed')).filter((e) => e.payload.orderId === order.id).map((e) => e.payload.to)).toEqual(['confirmed', 'partially_shipped', 'shipped', 'delivered']);
  });
});

describe('bad input: clear 4xx, nothing written', () => {
  it('refuses shipping more than remains on the line (409 exceeds_remaining)', async () => {
    const p = await stocked(5, 0);
    const order = await confirmedOrder([{ sku: p.sku, quantity: 2 }]);
    shipmentOf(await api.create(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 1 }], carrier: 'SF' }));
    const before = await footprint(rt);
    const res = await api.create(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }], carrier: 'SF' });
    expect([res.statusCode, problemOf(res).code]).toEqual([409, 'exceeds_remaining']);
    expect(problemOf(res).errors).toEqual([{ path: 'body.lines.0.quantity', message: 'at most 1 remain to ship' }]);
    expect(await footprint(rt)).toEqual(before);
  });

  it('refuses shipping more than is reserved in the chosen warehouse (409 not_reserved)', async () => {
    const p = await stocked(2, 2);
    const order = await confirmedOrder([{ sku: p.sku, quantity: 4 }]);
    const split = await reservedIn(order.id);
    const inA = split.find((r) => r.warehouse === wa.id)!.quantity;
    const before = await footprint(rt);
    const res = await api.create(order.id, { warehouseId: wa.id, lines: [{ lineId: order.lines[0]!.id, quantity: inA + 1 }], carrier: 'SF' });
    expect([res.statusCode, problemOf(res).code]).toEqual([409, 'not_reserved']);
    expect(problemOf(res).detail).toContain(`requested ${inA + 1}, reserved ${inA}`);
    expect(await footprint(rt)).toEqual(before);
    await expectLedgerHolds(rt);
  });

  it('refuses any event on a delivered shipment (409 shipment_delivered)', async () => {
    const p = await stocked(3, 0);
    const order = await confirmedOrder([{ sku: p.sku, quantity: 1 }]);
    const s = shipmentOf(await api.create(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 1 }], carrier: 'UPS', trackingNumber: '1Z999' }));
    shipmentOf(await api.event(s.id, { type: 'delivered', signedBy: 'Reception' }));
    const before = await footprint(rt);
    for (const body of [{ type: 'in_transit' }, { type: 'delivered', signedBy: 'Again' }, { type: 'exception', note: 'lost' }]) {
      const res = await api.event(s.id, body);
      expect([res.statusCode, problemOf(res).code]).toEqual([409, 'shipment_delivered']);
    }
    expect(await footprint(rt)).toEqual(before);
  });

  it('asks for the signer of a delivery and the reason of an exception, and refuses unknown carriers, unshippable orders and foreign lines', async () => {
    const p = await stocked(5, 0);
    const order = await confirmedOrder([{ sku: p.sku, quantity: 2 }]);
    const s = shipmentOf(await api.create(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 1 }], carrier: 'SF' }));
    const before = await footprint(rt);
    const noSigner = await api.event(s.id, { type: 'delivered' });
    expect([noSigner.statusCode, problemOf(noSigner).errors?.[0]?.path]).toEqual([400, 'body.signedBy']);
    const noReason = await api.event(s.id, { type: 'exception' });
    expect([noReason.statusCode, problemOf(noReason).errors?.[0]?.path]).toEqual([400, 'body.note']);
    const notCod = await api.event(s.id, { type: 'delivered', signedBy: 'X', codCollected: 100 });
    expect([notCod.statusCode, problemOf(notCod).errors?.[0]?.message]).toEqual([400, 'applies only to cash-on-delivery orders']);
    const carrier = await api.create(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 1 }], carrier: 'NOPE' });
    expect([carrier.statusCode, problemOf(carrier).detail]).toEqual([400, 'No active carrier with code NOPE. Use one of: DHL, EMS, SF, UPS.']);
    const foreign = await api.create(order.id, { lines: [{ lineId: 'oln_nope', quantity: 1 }], carrier: 'SF' });
    expect([foreign.statusCode, problemOf(foreign).errors?.[0]?.path]).toEqual([400, 'body.lines.0.lineId']);
    const zero = await api.create(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 0 }], carrier: 'SF' });
    expect(zero.statusCode).toBe(400);
    const unknownShipment = await api.event('shp_nope', { type: 'in_transit' });
    expect(unknownShipment.statusCode).toBe(404);
    expect(await footprint(rt)).toEqual(before);

    const placed = orderOf(await rt.app.inject({ method: 'POST', url: '/api/v1/orders', headers: admin, payload: orderBody(acme.id, { lines: [{ sku: p.sku, quantity: 1 }] }) }));
    const early = await api.create(placed.id, { lines: [{ lineId: placed.lines[0]!.id, quantity: 1 }], carrier: 'SF' });
    expect([early.statusCode, problemOf(early).code]).toEqual([409, 'order_not_shippable']);
    expect(problemOf(early).detail).toContain('is placed and cannot ship');
    expect(problemOf(early).detail).toContain('confirm it first');
  });

  it('admits admin, manager and warehouse to ship; sales and finance get 403', async () => {
    const p = await stocked(5, 0);
    const order = await confirmedOrder([{ sku: p.sku, quantity: 3 }]);
    const body = { lines: [{ lineId: order.lines[0]!.id, quantity: 1 }], carrier: 'SF' };
    for (const role of ['sales', 'finance', 'support'] as const) expect((await shipmentsApi(rt, await rt.asRole(role)).create(order.id, body)).statusCode).toBe(403);
    const s = shipmentOf(await shipmentsApi(rt, await rt.asRole('warehouse')).create(order.id, body));
    expect((await shipmentsApi(rt, await rt.asRole('sales')).get(s.id)).statusCode).toBe(200);
  });
});

describe('prepaid orders wait for payment', () => {
  it('answers 409 payment_required, lets only admin or manager override with a reason, and records the override', async () => {
    const p = await stocked(5, 0);
    const order = await confirmedOrder([{ sku: p.sku, quantity: 2 }], { paymentTerms: { method: 'prepaid' } });
    const body = { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }], carrier: 'SF' };
    const before = await footprint(rt);
    const refused = await api.create(order.id, body);
    expect([refused.statusCode, problemOf(refused).code]).toEqual([409, 'payment_required']);
    expect(problemOf(refused).detail).toContain('paymentOverride');
    const keeper = await shipmentsApi(rt, await rt.asRole('warehouse')).create(order.id, { ...body, paymentOverride: { reason: 'Customer wired it, bank is slow' } });
    expect([keeper.statusCode, problemOf(keeper).code]).toEqual([403, 'forbidden']);
    expect(await footprint(rt)).toEqual(before);

    const s = shipmentOf(await shipmentsApi(rt, await rt.asRole('manager')).create(order.id, { ...body, paymentOverride: { reason: 'Customer wired it, bank is slow' } }));
    expect(s.paymentOverride).toBe('Customer wired it, bank is slow');
    const history = (await rt.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}/events`, headers: admin })).json<{ data: OrderEvent[] }>().data;
    expect(history.find((e) => e.type === 'shipment_created')?.reason).toBe('payment override: Customer wired it, bank is slow');
    const audit = await rt.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'order.shipment_recorded').where('entity_id', '=', order.id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).toContain('Customer wired it, bank is slow');
  });
});

describe('idempotency', () => {
  it('answers a repeated POST with the same key with the first shipment, shipping once', async () => {
    const p = await stocked(5, 0);
    const order = await confirmedOrder([{ sku: p.sku, quantity: 3 }]);
    const body = { lines: [{ lineId: order.lines[0]!.id, quantity: 1 }], carrier: 'SF' };
    const one = await api.create(order.id, body, { 'idempotency-key': `ship-${order.id}` });
    const two = await api.create(order.id, body, { 'idempotency-key': `ship-${order.id}` });
    expect([one.statusCode, two.statusCode, two.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
    expect(two.json<Shipment>().id).toBe(one.json<Shipment>().id);
    expect((await orderNow(rt, admin, order.id)).lines[0]!.shipped).toBe(1);
    const other = await api.create(order.id, { ...body, carrier: 'DHL' }, { 'idempotency-key': `ship-${order.id}` });
    expect([other.statusCode, problemOf(other).code]).toEqual([422, 'idempotency_key_reused']);
  });
});

describe('cash on delivery', () => {
  it('records the cash collected on delivery as a cod payment, and a failed collection as an exception that emits shipment.cod_failed', async () => {
    const p = await stocked(5, 0);
    const order = await confirmedOrder([{ sku: p.sku, quantity: 2 }], { paymentTerms: { method: 'cod' } });
    const first = shipmentOf(await api.create(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 1 }], carrier: 'SF' }));
    const failed = shipmentOf(await api.event(first.id, { type: 'exception', note: 'Customer refused to pay; goods not handed over', codFailed: true }));
    expect(failed.events[0]).toMatchObject({ type: 'exception', codFailed: true });
    expect((await outboxOf(rt, 'shipment.cod_failed')).map((e) => e.payload)).toContainEqual(expect.objectContaining({ shipmentId: first.id, customerId: acme.id, reason: 'Customer refused to pay; goods not handed over' }));

    const second = shipmentOf(await api.create(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 1 }], carrier: 'SF' }));
    shipmentOf(await api.event(first.id, { type: 'delivered', signedBy: 'Li Wei', codCollected: 1130 }));
    const d = shipmentOf(await api.event(second.id, { type: 'delivered', signedBy: 'Li Wei', codCollected: order.totals.total - 1130 }));
    expect(d.events[0]).toMatchObject({ codCollected: order.totals.total - 1130 });
    const after = await orderNow(rt, admin, order.id);
    expect([after.status, after.paymentStatus]).toEqual(['delivered', 'paid']);
    const payments = await rt.deps.db.selectFrom('payments').select(['method', 'amount']).where('order_id', '=', order.id).orderBy('id').execute();
    expect(payments).toEqual([{ method: 'cod', amount: 1130 }, { method: 'cod', amount: order.totals.total - 1130 }]);
  });
});

describe('carriers', () => {
  it('lists the seeded carriers and lets admin and manager add and edit them', async () => {
    const list = await rt.app.inject({ method: 'GET', url: '/api/v1/carriers', headers: await rt.asRole('warehouse') });
    expect(list.json<{ data: { code: string; name: string }[] }>().data.map((c) => c.name)).toEqual(['DHL Express', 'China Post EMS', 'SF Express', 'UPS']);
    const add = await rt.app.inject({ method: 'POST', url: '/api/v1/carriers', headers: admin, payload: { code: 'yto', name: 'YTO Express', trackingUrlTemplate: 'https://track.example/yto?n={trackingNumber}' } });
    expect([add.statusCode, add.json<{ code: string }>().code]).toEqual([201, 'YTO']);
    const dup = await rt.app.inject({ method: 'POST', url: '/api/v1/carriers', headers: admin, payload: { code: 'YTO', name: 'Again' } });
    expect([dup.statusCode, problemOf(dup).code]).toEqual([409, 'duplicate_carrier']);
    const noPlaceholder = await rt.app.inject({ method: 'POST', url: '/api/v1/carriers', headers: admin, payload: { code: 'ZTO', name: 'ZTO', trackingUrlTemplate: 'https://zto.example/' } });
    expect([noPlaceholder.statusCode, problemOf(noPlaceholder).errors?.[0]?.message]).toEqual([400, 'must contain {trackingNumber} where the tracking number goes']);
    const edit = await rt.app.inject({ method: 'PATCH', url: '/api/v1/carriers/YTO', headers: await rt.asRole('manager'), payload: { trackingUrlTemplate: 'https://yto.example/t/{trackingNumber}' } });
    expect(edit.json<{ trackingUrlTemplate: string }>().trackingUrlTemplate).toBe('https://yto.example/t/{trackingNumber}');
    const forbidden = await rt.app.inject({ method: 'POST', url: '/api/v1/carriers', headers: await rt.asRole('warehouse'), payload: { code: 'JD', name: 'JD Logistics' } });
    expect(forbidden.statusCode).toBe(403);

    const p = await stocked(2, 0);
    const order = await confirmedOrder([{ sku: p.sku, quantity: 1 }]);
    const s = shipmentOf(await api.create(order.id, { lines: [{ lineId: order.lines[0]!.id, quantity: 1 }], carrier: 'yto', trackingNumber: 'YT#1' }));
    expect(s.trackingUrl).toBe('https://yto.example/t/YT%231');
  });
});
