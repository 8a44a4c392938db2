import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Order, Product, ReservationRecord, TimelineEntry, Warehouse } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { dbKind } from '../../../../test/support/db.js';
import { countingStatements } from '../../../../test/support/statements.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { asRole, customer, expectLedgerHolds, footprint, level, orderBody, orderOf, ordersApi, problemOf, product, receive, warehouse, type Page } from './helpers.js';

let rt: TestRuntime;
let acme: Customer;
let sh: Warehouse;
let bolt: Product;
let nut: Product;
let screw: Product;
const clock = manualClock();

beforeAll(async () => {
  rt = await startTestRuntime({ clock });
  acme = await customer(rt, 'Acme Ltd');
  sh = await warehouse(rt, 'SH-01');
  bolt = await product(rt, 'BOLT-M8', { name: 'Hex bolt M8', unitPrice: 120, taxRate: 13 });
  nut = await product(rt, 'NUT-M8', { unitPrice: 50, taxRate: 6 });
  screw = await product(rt, 'SCREW-4', { unitPrice: 10, taxRate: 13 });
  await receive(rt, bolt.sku, sh.id, 500);
  await receive(rt, nut.sku, sh.id, 50);
  await receive(rt, screw.sku, sh.id, 20);
});
afterAll(() => rt?.close());

describe('placing an order', () => {
  it('prices lines, discount, tax and shipping, reserves stock, and numbers orders gap-free per year', async () => {
    const sales = await asRole(rt, 'sales');
    const body = orderBody(acme.id, {
      lines: [{ sku: 'BOLT-M8', quantity: 100 }, { sku: 'NUT-M8', quantity: 10, unitPrice: 45 }],
      billingAddress: { ...orderBody('').shippingAddress, name: 'Accounts' },
      promisedDeliveryDate: '2026-12-05',
      paymentTerms: { method: 'net', netDays: 30 },
      priority: 'high',
      notes: 'Call before delivery',
      specialRequirements: 'Pallets of at most 500 kg',
      discount: { type: 'percent', percent: 10 },
      shippingCharge: 2000,
    });
    const res = await sales.place(body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const order = res.json<Order>();
    expect(order).toMatchObject({
      number: 'SO-2026-000001',
      status: 'placed',
      paymentStatus: 'unpaid',
      customerId: acme.id,
      customerName: 'Acme Ltd',
      currency: 'CNY',
      totals: { subtotal: 12450, discount: 1245, tax: 1428, shipping: 2000, total: 14633 },
      priority: 'high',
      requestedDeliveryDate: '2026-12-01',
      promisedDeliveryDate: '2026-12-05',
      paymentTerms: { method: 'net', netDays: 30 },
      discount: { type: 'percent', percent: 10 },
      notes: 'Call before delivery',
      specialRequirements: 'Pallets of at most 500 kg',
      channel: 'api',
      heldFrom: null,
      allowedTransitions: ['confirmed', 'cancelled', 'on_hold'],
      version: 1,
      createdAt: '2026-11-22T09:00:00.000Z',
    });
    expect(order.id).toMatch(/^ord_/);
    expect(order.billingAddress?.name).toBe('Accounts');
    expect(order.lines).toEqual([
      { id: expect.stringMatching(/^oln_/), sku: 'BOLT-M8', name: 'Hex bolt M8', quantity: 100, unitPrice: 120, taxRate: 13, total: 12000, discount: 1200, tax: 1404, backordered: 0, makeToOrder: false, shipped: 0 },
      { id: expect.stringMatching(/^oln_/), sku: 'NUT-M8', name: 'Product NUT-M8', quantity: 10, unitPrice: 45, taxRate: 6, total: 450, discount: 45, tax: 24, backordered: 0, makeToOrder: false, shipped: 0 },
    ]);

    // Stock is reserved for the order, in the same transaction.
    expect(await level(rt, bolt.id, sh.id)).toMatchObject({ onHand: 500, reserved: 100 });
    const reservations = await rt.app.inject({ method: 'GET', url: `/api/v1/inventory/reservations?referenceType=order&referenceId=${order.id}`, headers: await rt.asRole('sales') });
    expect(reservations.json<{ data: ReservationRecord[] }>().data.map((r) => [r.sku, r.quantity, r.status])).toEqual([['BOLT-M8', 100, 'active'], ['NUT-M8', 10, 'active']]);

    // Read back: the same order, the version as ETag; warehouse staff see only what they may choose.
    const got = await sales.get(order.id);
    expect([got.statusCode, got.headers.etag]).toEqual([200, '"1"']);
    expect(got.json<Order>()).toEqual(order);
    expect(orderOf(await (await asRole(rt, 'warehouse')).get(order.id)).allowedTransitions).toEqual(['on_hold']);

    // The event, the history row and the audit entry are written with it.
    const event = await rt.deps.db.selectFrom('outbox').selectAll().where('type', '=', 'order.placed').executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({ orderId: order.id, customerId: acme.id, number: 'SO-2026-000001', total: 14633, currency: 'CNY', channel: 'api', actor: { type: 'api_key' } });
    const audit = await rt.deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', order.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['order.placed']);

    clock.advance(1000);
    const second = orderOf(await sales.place(orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 1 }] })));
    expect(second.number).toBe('SO-2026-000002');
    expect(second).toMatchObject({ paymentTerms: { method: 'prepaid' }, priority: 'normal', discount: null, notes: null, totals: { subtotal: 120, discount: 0, tax: 16, shipping: 0, total: 136 } });
    await expectLedgerHolds(rt);
  });

  it('answers 409 insufficient_stock naming the short lines, and creates, reserves and numbers nothing', async () => {
    const sales = await asRole(rt, 'sales');
    const before = await footprint(rt);
    const stock = await level(rt, screw.id, sh.id);
    const res = await sales.place(orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 5 }, { sku: 'SCREW-4', quantity: 50 }, { sku: 'NUT-M8', quantity: 41 }] }));
    expect(res.statusCode).toBe(409);
    expect(problemOf(res)).toMatchObject({
      code: 'insufficient_stock',
      errors: [
        { path: 'body.lines.1', message: 'SCREW-4: requested 50, available 20' },
        { path: 'body.lines.2', message: 'NUT-M8: requested 41, available 40' },
      ],
    });
    expect(await footprint(rt)).toEqual(before);
    expect(await level(rt, screw.id, sh.id)).toEqual(stock);

    // The next placement gets the next number: the refused one consumed none.
    const next = orderOf(await sales.place(orderBody(acme.id, { lines: [{ sku: 'SCREW-4', quantity: 20 }] })));
    expect(next.number).toBe('SO-2026-000003');
    expect(await level(rt, screw.id, sh.id)).toMatchObject({ available: 0 });
  });

  it('answers 400 for an unknown customer, unknown or inactive products, a currency without a price and bad payment terms', async () => {
    const sales = await asRole(rt, 'sales');
    await product(rt, 'OLD-1', { active: false });
    await product(rt, 'GBP-1', { currency: 'GBP', unitPrice: 999, trackInventory: false });
    const before = await footprint(rt);
    const res = await sales.place(
      orderBody('cus_nobody', {
        lines: [{ sku: 'NOPE-1', quantity: 1 }, { sku: 'OLD-1', quantity: 1 }, { sku: 'GBP-1', quantity: 1 }, { sku: 'GBP-1', quantity: 1, unitPrice: 9000 }],
        paymentTerms: { method: 'installments', netDays: 30 },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).code).toBe('validation_failed');
    expect(problemOf(res).errors).toEqual([
      { path: 'body.paymentTerms.installments', message: 'is required when the method is installments' },
      { path: 'body.paymentTerms.netDays', message: 'applies only to the method net; remove it' },
      { path: 'body.customerId', message: 'no customer has id cus_nobody' },
      { path: 'body.lines.0.sku', message: 'no product has SKU NOPE-1' },
      { path: 'body.lines.1.sku', message: 'OLD-1 is inactive and cannot be ordered' },
      { path: 'body.lines.2.unitPrice', message: 'is required: GBP-1 is priced in GBP and the order is in CNY' },
    ]);
    const tooMuch = await sales.place(orderBody(acme.id, { discount: { type: 'fixed', amount: 241 } }));
    expect([tooMuch.statusCode, problemOf(tooMuch).errors]).toEqual([400, [{ path: 'body.discount.amount', message: 'must not exceed the subtotal (240)' }]]);
    const schema = await sales.place(orderBody(acme.id, { lines: [], priority: 'asap', requestedDeliveryDate: '1 Dec', colour: 'red' }));
    expect(schema.statusCode).toBe(400);
    expect(problemOf(schema).errors?.map((e) => e.path).sort()).toEqual(['body.colour', 'body.lines', 'body.priority', 'body.requestedDeliveryDate']);
    expect(await footprint(rt)).toEqual(before);

    // A given unit price is in the order's currency, whatever the catalog's.
    const priced = orderOf(await sales.place(orderBody(acme.id, { lines: [{ sku: 'GBP-1', quantity: 1, unitPrice: 9000 }] })));
    expect(priced.totals.subtotal).toBe(9000);
  });

  it('accepts backorder and make-to-order lines and marks them', async () => {
    const sales = await asRole(rt, 'sales');
    const cable = await product(rt, 'CABLE-3X4', { allowBackorder: true, unitPrice: 1450 });
    await product(rt, 'PUMP-10', { trackInventory: false, makeToOrder: true, unitPrice: 680000 });
    await receive(rt, cable.sku, sh.id, 3);
    const order = orderOf(await sales.place(orderBody(acme.id, { lines: [{ sku: 'CABLE-3X4', quantity: 5 }, { sku: 'PUMP-10', quantity: 1 }] })));
    expect(order.lines.map((l) => ({ sku: l.sku, backordered: l.backordered, makeToOrder: l.makeToOrder }))).toEqual([
      { sku: 'CABLE-3X4', backordered: 2, makeToOrder: false },
      { sku: 'PUMP-10', backordered: 0, makeToOrder: true },
    ]);
    expect(await level(rt, cable.id, sh.id)).toEqual({ onHand: 3, reserved: 5, available: -2 });
    const rows = await rt.deps.db.selectFrom('stock_reservations').selectAll().where('reference_id', '=', order.id).execute();
    expect(rows.map((r) => [r.product_id, r.quantity, r.backordered])).toEqual([[cable.id, 3, 2]]); // the pump tracks no stock
    await expectLedgerHolds(rt);
  });

  it('records the channel (back office for a staff session, api for an API key, or as given) and lets only admin, manager and sales place', async () => {
    const session = await rt.signIn();
    const office = orderOf(await ordersApi(rt, session.headers).place(orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 1 }] })));
    expect(office.channel).toBe('backoffice');
    const imported = orderOf(await (await asRole(rt, 'manager')).place(orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 1 }], channel: 'import' })));
    expect(imported.channel).toBe('import');
    for (const role of ['support', 'warehouse', 'finance'] as const) {
      expect((await (await asRole(rt, role)).place(orderBody(acme.id))).statusCode, role).toBe(403);
    }
  });

  it("shows order.placed on the customer's timeline once the worker ran", async () => {
    await rt.worker.drain();
    const res = await rt.app.inject({ method: 'GET', url: `/api/v1/customers/${acme.id}/timeline?limit=200`, headers: await rt.asRole('support') });
    const placed = res.json<Page<TimelineEntry>>().data.filter((e) => e.type === 'order.placed');
    expect(placed.map((e) => e.data.number)).toContain('SO-2026-000001');
    expect(placed.find((e) => e.data.number === 'SO-2026-000001')).toMatchObject({ occurredAt: '2026-11-22T09:00:00.000Z', actor: { type: 'api_key' }, data: { total: 14633, currency: 'CNY' } });
  });

  it('takes the number in the statement that writes the order (PostgreSQL: the counter row is locked only from there to COMMIT), and every copy of it is the number', async () => {
    const sales = await asRole(rt, 'sales');
    const { value: res, statements } = await countingStatements(rt.deps.db, () => sales.place(orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 1 }] }), { 'idempotency-key': 'late-number' }));
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json<Order>();
    expect(order.number).toMatch(/^SO-2026-\d{6}$/);
    const counter = statements.filter((s) => /order_number_sequences/.test(s));
    expect(counter).toHaveLength(1);
    if (dbKind === 'postgres') {
      // One statement: the counter's increment, then the order, its event and the stored answer.
      expect(counter[0]).toMatch(/^with "soon0" as \(insert into "order_number_sequences"/);
      for (const table of ['orders', 'outbox', 'idempotency_keys']) expect(counter[0]).toContain(`insert into "${table}"`);
      expect(statements.indexOf(counter[0]!)).toBe(statements.length - 1);
    } else {
      expect(counter[0]).not.toContain('insert into "orders"');
    }
    const db = rt.deps.db;
    expect((await db.selectFrom('orders').select('number').where('id', '=', order.id).executeTakeFirstOrThrow()).number).toBe(order.number);
    const event = await db.selectFrom('outbox').select('payload').where('aggregate_id', '=', order.id).where('type', '=', 'order.placed').executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload).number).toBe(order.number);
    const stored = await db.selectFrom('idempotency_keys').select('response_body').where('key', '=', 'late-number').executeTakeFirstOrThrow();
    expect(stored.response_body).not.toContain('~soon-');
    expect(JSON.parse(stored.response_body)).toEqual(order);
  });

  it('claims its Idempotency-Key in that one read and takes no savepoint before its first plan (PostgreSQL: three statements between BEGIN and COMMIT)', async () => {
    const sales = await asRole(rt, 'sales');
    const nut8 = await product(rt, 'NUT-8', { unitPrice: 3, taxRate: 13 });
    await receive(rt, nut8.sku, sh.id, 10);
    const body = orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 1 }, { sku: 'NUT-8', quantity: 1 }] });
    const { value: res, statements } = await countingStatements(rt.deps.db, () => sales.place(body, { 'idempotency-key': 'claim-rides' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Order>().lines.map((l) => l.sku)).toEqual(['BOLT-M8', 'NUT-8']);
    const claims = statements.filter((s) => /"?idempotency_keys"? where|pg_try_advisory_xact_lock/.test(s));
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatch(/^select/);
    expect(claims[0]).toContain('"stock_levels"');
    expect(statements.filter((s) => /savepoint/.test(s))).toEqual([]);
    if (dbKind === 'postgres') expect(statements).toHaveLength(3); // the read, the guarded update, the held inserts
    // The same key again is a replay, found by that claim.
    const again = await sales.place(body, { 'idempotency-key': 'claim-rides' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<Order>().id).toBe(res.json<Order>().id);
  });

  it('reads the customer, the products and their stock in one statement, and gets from it what the separate reads give', async () => {
    const sales = await asRole(rt, 'sales');
    const washer = await product(rt, 'WASHER-8', { unitPrice: 5, taxRate: 13 });
    await receive(rt, washer.sku, sh.id, 10);
    const body = orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 1 }, { sku: 'WASHER-8', quantity: 1 }, { sku: 'BOLT-M8', quantity: 2 }] });
    const { value: res, statements } = await countingStatements(rt.deps.db, () => sales.place(body, { 'idempotency-key': 'one-read' }));
    expect(res.statusCode, res.body).toBe(201);
    const reads = statements.filter((s) => /^select/.test(s) && /"customers"|"products"|"stock_levels"/.test(s));
    expect(reads).toHaveLength(1);
    for (const table of ['customers', 'products', 'stock_levels', 'warehouses']) expect(reads[0]).toContain(`"${table}"`);

    // What the one statement carries (JSON) equals what each module's own read returns.
    const { productsBySkusColumn, productsFromColumn, findProductsBySkus } = await import('../../catalog/index.js');
    const { activeLevelsColumn, levelsFromColumn } = await import('../../inventory/index.js');
    const { customerNameColumn } = await import('../../customers/index.js');
    const db = rt.deps.db;
    const skus = ['BOLT-M8', 'WASHER-8', 'NO-SUCH-SKU'];
    const row = await db
      .selectNoFrom([customerNameColumn(db, acme.id).as('name'), productsBySkusColumn(db, rt.deps.ops, skus).as('products'), activeLevelsColumn(db, rt.deps.ops, skus).as('levels')])
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Acme Ltd');
    const products = productsFromColumn(rt.deps.ops, row.products);
    expect(products).toEqual(await findProductsBySkus(db, skus));
    expect(products.get('BOLT-M8')).toEqual(expect.objectContaining({ id: bolt.id, unitPrice: 120, taxRate: 13 }));
    const byKey = (rows: { warehouse_id: string; product_id: string | null }[]) => [...rows].sort((a, b) => `${a.warehouse_id}${a.product_id}`.localeCompare(`${b.warehouse_id}${b.product_id}`));
    const direct = await db
      .selectFrom('warehouses as w')
      .leftJoin('stock_levels as l', (join) => join.onRef('l.warehouse_id', '=', 'w.id').on('l.product_id', 'in', [bolt.id, washer.id]))
      .select(['w.id as warehouse_id', 'w.code', 'l.product_id', 'l.on_hand', 'l.reserved'])
      .where('w.active', '=', 1)
      .execute();
    expect(byKey(levelsFromColumn(rt.deps.ops, row.levels))).toEqual(byKey(direct));
    expect(direct.some((l) => l.product_id === bolt.id && typeof l.on_hand === 'number')).toBe(true);
    const none = await db.selectNoFrom([customerNameColumn(db, 'cus_missing').as('name'), productsBySkusColumn(db, rt.deps.ops, ['NO-SUCH-SKU']).as('products')]).executeTakeFirstOrThrow();
    expect(none.name).toBeNull();
    expect(productsFromColumn(rt.deps.ops, none.products).size).toBe(0);
  });
});
