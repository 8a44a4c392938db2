import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { transactionRun } from '../../../platform/db/index.js';
import { reserveStock } from '../index.js';
import { CLERK, expectLedgerHolds, level, product, receive, run, unwrap, warehouse } from './fixtures.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

/**
 * X in warehouse A and Y in B, five each, and figures as a concurrent transaction could have made
 * them stale: both SKUs seem to be in A, so a plan takes both from A; X's guarded update succeeds
 * there, Y's finds nothing to take.
 */
async function staleStock(prefix: string) {
  const [x, y] = [await product(rt, `${prefix}-X`), await product(rt, `${prefix}-Y`)];
  const [wa, wb] = [await warehouse(rt, `${prefix}-A`), await warehouse(rt, `${prefix}-B`)];
  await receive(rt, x.sku, wa.id, 5);
  await receive(rt, y.sku, wb.id, 5);
  const stale = [
    { warehouse_id: wa.id, code: wa.code, product_id: x.id, on_hand: 5, reserved: 0 },
    { warehouse_id: wa.id, code: wa.code, product_id: y.id, on_hand: 5, reserved: 0 },
    { warehouse_id: wb.id, code: wb.code, product_id: null, on_hand: null, reserved: null },
  ];
  const where = (allocations: readonly { sku: string; warehouseId: string; quantity: number }[]) =>
    allocations.map((a) => `${a.sku}@${a.warehouseId === wa.id ? 'A' : 'B'}:${a.quantity}`).sort();
  return { x, y, wa, wb, stale, where };
}

describe('a reservation whose first plan loses a guard', () => {
  it('starts the whole transaction over (no savepoint before the first plan), and leaves no increment of the lost attempt behind', async () => {
    const { x, y, wa, wb, stale, where } = await staleStock('RR');
    const runs: (number | undefined)[] = [];
    const result = await run(rt, (tx) => {
      runs.push(transactionRun(tx));
      const lines = [{ sku: x.sku, quantity: 1 }, { sku: y.sku, quantity: 1 }];
      return reserveStock(tx, rt.deps.clock, CLERK, { referenceType: 'order', referenceId: 'restart', lines, levels: stale });
    });
    // The second run plans from the same stale figures, loses again, rolls back to its savepoint
    // and plans from fresh ones: X from A, Y from B.
    expect(runs).toEqual([1, 2]);
    expect(where(unwrap(result).allocations)).toEqual(['RR-X@A:1', 'RR-Y@B:1']);
    expect(await level(rt, x.id, wa.id)).toMatchObject({ reserved: 1 });
    expect(await level(rt, y.id, wb.id)).toMatchObject({ reserved: 1 });
    await expectLedgerHolds(rt);
  });

  it('outside inTransaction keeps the savepoint, so it needs no second run', async () => {
    const { x, y, wa, stale, where } = await staleStock('RS');
    const result = await rt.deps.db.transaction().execute(async (tx) => {
      expect(transactionRun(tx)).toBeUndefined();
      return reserveStock(tx, rt.deps.clock, CLERK, { referenceType: 'order', referenceId: 'savepoint', lines: [{ sku: x.sku, quantity: 2 }, { sku: y.sku, quantity: 2 }], levels: stale });
    });
    expect(where(unwrap(result).allocations)).toEqual(['RS-X@A:2', 'RS-Y@B:2']);
    expect(await level(rt, x.id, wa.id)).toMatchObject({ reserved: 2 });
    await expectLedgerHolds(rt);
  });
});
