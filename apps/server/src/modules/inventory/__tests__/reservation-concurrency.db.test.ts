import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem, Product, Reservation } from '@ordercare/contracts';
import { dbKind } from '../../../../test/support/db.js';
import type { TestRuntime } from '../../../../test/support/runtime.js';
import { httpCluster } from '../../../../test/support/servers.js';
import { expectLedgerHolds, level, product, receive, warehouse } from './fixtures.js';

const UNITS = 10;
const REQUESTS = 100;

/**
 * PostgreSQL: two real `ordercare serve` processes on one database (plus this process's runtime
 * to set up and inspect it). SQLite: one in-process server listening on a port. Either way the
 * requests below arrive in parallel over real HTTP.
 */
let rt: TestRuntime;
let bases: string[] = [];
let close: () => Promise<void>;

beforeAll(async () => {
  ({ rt, bases, close } = await httpCluster(2));
});
afterAll(() => close?.());

describe(`reservations under concurrency (${dbKind === 'postgres' ? 'two server processes on PostgreSQL' : 'parallel requests to one server on SQLite'})`, () => {
  it(`lets exactly ${UNITS} of ${REQUESTS} parallel requests reserve the last ${UNITS} units`, async () => {
    const item: Product = await product(rt, 'RACE-1');
    const store = await warehouse(rt, 'RACE-W');
    await receive(rt, item.sku, store.id, UNITS);
    const headers = { ...(await rt.asRole('sales')), 'content-type': 'application/json' };

    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, i) => {
        const res = await fetch(`${bases[i % bases.length]}/api/v1/inventory/reservations`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ referenceType: 'order', referenceId: `race-${i}`, lines: [{ sku: item.sku, quantity: 1 }] }),
        });
        return { status: res.status, body: (await res.json()) as Reservation | Problem };
      }),
    );

    const won = answers.filter((a) => a.status === 201).map((a) => a.body as Reservation);
    const lost = answers.filter((a) => a.status === 409).map((a) => a.body as Problem);
    expect(answers.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([]);
    expect(won).toHaveLength(UNITS);
    expect(lost).toHaveLength(REQUESTS - UNITS);
    for (const p of lost) {
      expect(p.code).toBe('insufficient_stock');
      expect(p.errors).toEqual([{ path: 'lines.0', message: `${item.sku}: requested 1, available 0` }]);
    }
    for (const r of won) expect(r.allocations).toEqual([{ sku: item.sku, warehouseId: store.id, quantity: 1, backordered: 0 }]);

    expect(await level(rt, item.id, store.id)).toMatchObject({ onHand: UNITS, reserved: UNITS, available: 0 });
    const active = await rt.deps.db.selectFrom('stock_reservations').select('reference_id').where('product_id', '=', item.id).where('status', '=', 'active').execute();
    expect(active.map((r) => r.reference_id).sort()).toEqual(won.map((r) => r.referenceId).sort());
    await expectLedgerHolds(rt);
  });
});
