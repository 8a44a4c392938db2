import type { Order } from '@ordercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind } from '../../../../test/support/db.js';
import { customer, expectLedgerHolds, product, receive, warehouse } from '../../../../test/support/fixtures.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { reuseCounts, runReused } from '../reuse.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

describe('runReused', () => {
  it('binds each call its own values to the kept text', async () => {
    const byId = (id: string) => runReused(rt.deps.db, 'test.product-sku', [id], () => rt.deps.db.selectFrom('products').select('sku').where('id', '=', id));
    const a = await product(rt, 'REUSE-A');
    const b = await product(rt, 'REUSE-B');
    const before = reuseCounts.reused;
    expect((await byId(a.id)).rows).toEqual([{ sku: 'REUSE-A' }]);
    expect((await byId(b.id)).rows).toEqual([{ sku: 'REUSE-B' }]);
    expect((await byId('prd_none')).rows).toEqual([]);
    expect(reuseCounts.reused - before).toBeGreaterThanOrEqual(2);
  });

  it('runs a query whose parameters were given wrongly as compiled, and keeps no text for it', async () => {
    const c = await product(rt, 'REUSE-C');
    const wrong = (sku: string) => runReused(rt.deps.db, 'test.wrong-order', [c.id, sku], () => rt.deps.db.selectFrom('products').select('id').where('sku', '=', sku).where('id', '=', c.id));
    const mismatched = reuseCounts.mismatched;
    expect((await wrong('REUSE-C')).rows).toEqual([{ id: c.id }]);
    expect((await wrong('REUSE-X')).rows).toEqual([]); // had the text been kept with swapped values, this would bind sku = id
    expect(reuseCounts.mismatched - mismatched).toBe(2);
  });

  it('is used without a mismatch by the statements of placing orders of one to three lines', async () => {
    const wh = await warehouse(rt, 'RU-1');
    const skus = ['RU-P1', 'RU-P2', 'RU-P3'];
    for (const sku of skus) {
      await product(rt, sku);
      await receive(rt, sku, wh.id, 100);
    }
    const buyer = await customer(rt, 'Reuse Buyer');
    const mismatched = reuseCounts.mismatched;
    const reused = reuseCounts.reused;
    const placed: Order[] = [];
    for (let round = 0; round < 2; round++) {
      for (let lines = 1; lines <= 3; lines++) {
        const payload = {
          customerId: buyer.id,
          currency: 'CNY',
          lines: skus.slice(0, lines).map((sku) => ({ sku, quantity: 2 })),
          shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' },
          requestedDeliveryDate: '2026-12-01',
        };
        const res = await rt.app.inject({ method: 'POST', url: '/api/v1/orders', headers: await rt.asRole('sales'), payload });
        expect(res.statusCode, res.body).toBe(201);
        placed.push(res.json<Order>());
      }
    }
    expect(reuseCounts.mismatched - mismatched).toBe(0);
    // Second round: the placement's reads (customer, products and stock levels in one statement)
    // and its guarded update; on SQLite also the API key (PostgreSQL keeps it: api-key-cache.ts).
    expect(reuseCounts.reused - reused).toBeGreaterThanOrEqual(3 * (dbKind === 'postgres' ? 2 : 3));
    expect(new Set(placed.map((o) => o.number)).size).toBe(6);
    expect(placed.map((o) => o.lines.length)).toEqual([1, 2, 3, 1, 2, 3]);
    const levels = await rt.deps.db.selectFrom('stock_levels').select(['product_id', 'reserved']).where('warehouse_id', '=', wh.id).orderBy('product_id').execute();
    expect(levels.map((l) => l.reserved).sort((x, y) => x - y)).toEqual([2 * 2, 4 * 2, 6 * 2]); // P3 in 2 orders, P2 in 4, P1 in 6
    await expectLedgerHolds(rt);
  });
});
