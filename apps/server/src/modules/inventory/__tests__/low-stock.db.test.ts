import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product, StockLevel, Warehouse } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { adjustStock, releaseReservations, reserveStock } from '../index.js';
import { CLERK, expectLedgerHolds, product, receive, run, thresholds, unwrap, warehouse } from './fixtures.js';

let rt: TestRuntime;
let item: Product;
let other: Product;
let store: Warehouse;
beforeAll(async () => {
  rt = await startTestRuntime();
  item = await product(rt, 'LOW-1');
  other = await product(rt, 'LOW-2');
  store = await warehouse(rt, 'LOW-W');
});
afterAll(() => rt?.close());

const lowEvents = async () =>
  (await rt.deps.db.selectFrom('outbox').select(['payload', 'aggregate_id']).where('type', '=', 'inventory.low_stock').orderBy('id').execute()).map((e) => JSON.parse(e.payload) as Record<string, unknown>);
const reserve = (ref: string, quantity: number) => run(rt, (tx) => reserveStock(tx, rt.deps.clock, CLERK, { referenceType: 'order', referenceId: ref, lines: [{ sku: item.sku, quantity }] })).then(unwrap);
const lowList = async () => (await rt.app.inject({ method: 'GET', url: '/api/v1/inventory/low-stock', headers: await rt.asRole('sales') })).json<{ data: StockLevel[] }>().data;

describe('low stock', () => {
  it('emits inventory.low_stock once per crossing of the reorder point, and lists the level while it is low', async () => {
    await receive(rt, item.sku, store.id, 20);
    await receive(rt, other.sku, store.id, 5);
    await thresholds(rt, other.sku, store.id, 0, 0); // no reorder point: never low, even at 5
    const set = await thresholds(rt, item.sku, store.id, 12, 10);
    expect(set).toMatchObject({ available: 20, belowSafetyStock: false, belowReorderPoint: false });
    expect(await lowEvents()).toEqual([]);

    await reserve('o1', 9); // available 11: above
    expect(await lowEvents()).toEqual([]);
    await reserve('o2', 2); // available 9: crosses
    expect(await lowEvents()).toEqual([{ sku: item.sku, productId: item.id, warehouseId: store.id, available: 9, onHand: 20, reserved: 11, reorderPoint: 10, safetyStock: 12 }]);
    expect((await lowList()).map((l) => [l.sku, l.available, l.belowSafetyStock, l.belowReorderPoint])).toEqual([[item.sku, 9, true, true]]);

    unwrap(await run(rt, (tx) => adjustStock(tx, rt.deps.clock, CLERK, { sku: item.sku, warehouseId: store.id, quantity: -3, kind: 'adjustment', reason: 'breakage' }))); // 6: still low
    await reserve('o3', 1); // 5: still low
    expect(await lowEvents()).toHaveLength(1);

    await receive(rt, item.sku, store.id, 20); // 25: above again, re-armed
    expect(await lowList()).toEqual([]);
    expect(await lowEvents()).toHaveLength(1);
    await reserve('o4', 15); // 10 = the reorder point: low again
    expect((await lowEvents()).map((e) => e.available)).toEqual([9, 10]);

    unwrap(await run(rt, (tx) => releaseReservations(tx, rt.deps.clock, CLERK, { referenceType: 'order', referenceId: 'o4' }))); // 25
    await thresholds(rt, item.sku, store.id, 0, 30); // raising the point crosses too
    expect((await lowEvents()).map((e) => [e.available, e.reorderPoint])).toEqual([[9, 10], [10, 10], [25, 30]]);
    await expectLedgerHolds(rt);
  });

  it('emits inventory.adjusted for every adjustment, in the same transaction', async () => {
    const adjusted = await rt.deps.db.selectFrom('outbox').select('payload').where('type', '=', 'inventory.adjusted').orderBy('id').execute();
    expect(adjusted.map((e) => (JSON.parse(e.payload) as { kind: string; quantity: number }).quantity)).toEqual([20, 5, -3, 20]);
  });
});
