import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Order, Product, Warehouse } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { asRole, count, customer, footprint, orderBody, problemOf, product, receive, warehouse } from './helpers.js';

let rt: TestRuntime;
let acme: Customer;
let sh: Warehouse;
let bolt: Product;

beforeAll(async () => {
  rt = await startTestRuntime();
  acme = await customer(rt);
  sh = await warehouse(rt, 'SH-01');
  bolt = await product(rt, 'BOLT-M8', { unitPrice: 120 });
  await receive(rt, bolt.sku, sh.id, 100);
});
afterAll(() => rt?.close());

describe('Idempotency-Key on POST /orders', () => {
  it('replays the first answer (same status and body, same order number) without placing twice', async () => {
    const sales = await asRole(rt, 'sales');
    const body = orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 3 }] });
    const first = await sales.place(body, { 'idempotency-key': 'po-4711' });
    expect(first.statusCode).toBe(201);
    const after = await footprint(rt);
    // The same body with its keys in another order is the same request.
    const replay = await sales.place({ ...body, customerId: acme.id, currency: 'CNY' }, { 'idempotency-key': 'po-4711' });
    expect([replay.statusCode, replay.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(replay.json<Order>()).toEqual(first.json<Order>());
    expect(await footprint(rt)).toEqual(after);
  });

  it('answers 422 idempotency_key_reused to the same key with a different body, and writes nothing', async () => {
    const sales = await asRole(rt, 'sales');
    await sales.place(orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 1 }] }), { 'idempotency-key': 'po-4712' });
    const before = await footprint(rt);
    const reused = await sales.place(orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 2 }] }), { 'idempotency-key': 'po-4712' });
    expect([reused.statusCode, problemOf(reused).code]).toEqual([422, 'idempotency_key_reused']);
    expect(await footprint(rt)).toEqual(before);
    // Keys are per caller: another API key may use the same key for its own order.
    expect((await (await asRole(rt, 'manager')).place(orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 2 }] }), { 'idempotency-key': 'po-4712' })).statusCode).toBe(201);
  });

  it('stores only successes: a refused placement may be retried with the same key', async () => {
    const sales = await asRole(rt, 'sales');
    const body = orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 150 }] });
    const refused = await sales.place(body, { 'idempotency-key': 'po-4713' });
    expect([refused.statusCode, problemOf(refused).code]).toEqual([409, 'insufficient_stock']);
    await receive(rt, bolt.sku, sh.id, 100);
    const retried = await sales.place(body, { 'idempotency-key': 'po-4713' });
    expect(retried.statusCode).toBe(201);
  });

  it('places one order for five concurrent requests with the same key; the others replay it or are told it is in progress', async () => {
    const sales = await asRole(rt, 'sales');
    const orders = await count(rt, 'orders');
    const body = orderBody(acme.id, { lines: [{ sku: 'BOLT-M8', quantity: 1 }] });
    const answers = await Promise.all(Array.from({ length: 5 }, () => sales.place(body, { 'idempotency-key': 'po-4714' })));
    expect(await count(rt, 'orders')).toBe(orders + 1);
    const won = answers.filter((a) => a.statusCode === 201);
    const busy = answers.filter((a) => a.statusCode === 409);
    expect(won.length + busy.length).toBe(5);
    expect(won.length).toBeGreaterThanOrEqual(1);
    expect(new Set(won.map((a) => a.json<Order>().number)).size).toBe(1);
    for (const b of busy) expect(problemOf(b).code).toBe('idempotency_in_progress');
    const later = await sales.place(body, { 'idempotency-key': 'po-4714' });
    expect([later.statusCode, later.json<Order>().number]).toEqual([201, won[0]!.json<Order>().number]);
    expect(await count(rt, 'orders')).toBe(orders + 1);
  });
});
