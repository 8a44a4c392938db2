import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind } from '../../../../test/support/db.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { releaseReservations, reserveStock } from '../index.js';
import { CLERK, expectLedgerHolds, product, receive, run, warehouse } from './fixtures.js';

/**
 * Many transactions at once (on PostgreSQL over a pool of 20 connections, so they really overlap)
 * reserving two SKUs each across three warehouses, some released right after: the mix where lost
 * guards, retries and lock order matter. Nothing may fail other than with insufficient_stock (no
 * deadlock), and the ledger must hold.
 */
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ poolSize: 20 });
});
afterAll(() => rt?.close());

describe(`contended multi-warehouse reservations (${dbKind})`, () => {
  it('never deadlocks, never oversells and keeps the ledger', async () => {
    const skus = ['MIX-1', 'MIX-2', 'MIX-3'];
    const products = [await product(rt, 'MIX-1'), await product(rt, 'MIX-2'), await product(rt, 'MIX-3', { allowBackorder: true })];
    const stores = [await warehouse(rt, 'MIX-A'), await warehouse(rt, 'MIX-B'), await warehouse(rt, 'MIX-C')];
    for (const p of products) for (const w of stores) await receive(rt, p.sku, w.id, 15);

    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const lines = [{ sku: skus[i % 3]!, quantity: 1 + (i % 7) }, { sku: skus[(i + 1) % 3]!, quantity: 1 + (i % 5) }];
        try {
          const r = await run(rt, (tx) => reserveStock(tx, rt.deps.clock, CLERK, { referenceType: 'order', referenceId: `mix-${i}`, lines }));
          if (r.ok && i % 4 === 0) await run(rt, (tx) => releaseReservations(tx, rt.deps.clock, CLERK, { referenceType: 'order', referenceId: `mix-${i}` }));
          return r.ok ? 'reserved' : r.error.code;
        } catch (e) {
          return `threw: ${String(e)}`;
        }
      }),
    );
    expect(outcomes.filter((o) => o !== 'reserved' && o !== 'insufficient_stock')).toEqual([]);
    expect(outcomes.filter((o) => o === 'reserved').length).toBeGreaterThan(10);
    for (const p of products.slice(0, 2)) {
      const levels = await rt.deps.db.selectFrom('stock_levels').select(['on_hand', 'reserved']).where('product_id', '=', p.id).execute();
      for (const l of levels) expect(l.reserved).toBeLessThanOrEqual(l.on_hand);
    }
    await expectLedgerHolds(rt, new Set([products[2]!.id]));
  });
});
