import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Problem, Warehouse } from '@ordercare/contracts';
import { dbKind } from '../support/db.js';
import type { TestRuntime } from '../support/runtime.js';
import { httpCluster } from '../support/servers.js';
import { expectLedgerHolds, receive, setupCustomer, setupProduct, setupWarehouse } from './fixtures.js';
import { scaled, suiteTimeout } from './scale.js';

const ROUNDS = scaled(20, 1000);
const BUYERS = 20;

let rt: TestRuntime;
let bases: string[];
let close: () => Promise<void>;
let buyer: Customer;
let store: Warehouse;
let spare: Warehouse;
let headers: Record<string, string>;

beforeAll(async () => {
  ({ rt, bases, close } = await httpCluster(2));
  buyer = await setupCustomer(rt, 'Last Unit Buyer');
  store = await setupWarehouse(rt, 'LAST-W');
  spare = await setupWarehouse(rt, 'LAST-W2');
  headers = { ...(await rt.asRole('sales')), 'content-type': 'application/json' };
});
afterAll(() => close?.());

/** A product with `units` on hand in the test warehouse (set up in-process, on the same database). */
async function stockedProduct(sku: string, units: number): Promise<void> {
  await setupProduct(rt, sku, { unitPrice: 990 });
  await receive(rt, sku, store.id, units);
}

/** Every buyer at once, spread over the server processes; answers `[status, body]`. */
async function race(lines: { sku: string; quantity: number }[]): Promise<{ status: number; body: Problem }[]> {
  return Promise.all(
    Array.from({ length: BUYERS }, async (_, i) => {
      const body = { customerId: buyer.id, currency: 'CNY', lines, shippingAddress: { name: 'B', line1: '1 Road', city: 'Shanghai', postalCode: '200000', country: 'CN' }, requestedDeliveryDate: '2031-01-01' };
      const res = await fetch(`${bases[i % bases.length]}/api/v1/orders`, { method: 'POST', headers, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Problem };
    }),
  );
}

describe(`the last unit (${ROUNDS} rounds of ${BUYERS} concurrent buyers, ${dbKind === 'postgres' ? 'two API processes on PostgreSQL' : 'one server on SQLite'})`, () => {
  it(
    'sells the last unit exactly once per round, also when two lines of one order share the SKU or another line comes with it',
    async () => {
      // A product every buyer of the third kind of round also wants, with stock for all. In those
      // rounds the scarce product has one unit in each of two warehouses: a buyer who loses the
      // first unit's race and wins the second must not keep the first attempt's increment of it.
      const plenty = 'PLENTY-1';
      await stockedProduct(plenty, ROUNDS * BUYERS);
      const failures: string[] = [];
      let companions = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // One unit, every buyer wants one; two units, every buyer wants both, as two lines of
        // the same SKU (the lines must be counted together); one unit and one of the plentiful
        // product, in one order, the scarce one in two warehouses (two winners).
        const kind = (['single', 'shared', 'companion'] as const)[round % 3]!;
        const sku = `LAST-${round}`;
        await stockedProduct(sku, kind === 'shared' ? 2 : 1);
        if (kind === 'companion') {
          companions += 1;
          await receive(rt, sku, spare.id, 1);
        }
        const lines = kind === 'shared' ? [{ sku, quantity: 1 }, { sku, quantity: 1 }] : kind === 'companion' ? [{ sku: plenty, quantity: 1 }, { sku, quantity: 1 }] : [{ sku, quantity: 1 }];
        const answers = await race(lines);
        const won = answers.filter((a) => a.status === 201).length;
        const refused = answers.filter((a) => a.status === 409 && a.body.code === 'insufficient_stock').length;
        const winners = kind === 'companion' ? 2 : 1;
        if (won !== winners || refused !== BUYERS - winners) failures.push(`round ${round} (${sku}): ${won} placed, ${refused} refused, others ${JSON.stringify(answers.filter((a) => a.status !== 201 && a.status !== 409))}`);
      }
      expect(failures).toEqual([]);

      // Every round's stock is fully reserved by its winners, and the ledger sums.
      const levels = await rt.deps.db.selectFrom('stock_levels').innerJoin('products', 'products.id', 'stock_levels.product_id').select(['products.sku', 'on_hand', 'reserved']).where('products.sku', 'like', 'LAST-%').execute();
      expect(levels).toHaveLength(ROUNDS + companions);
      expect(levels.filter((l) => l.reserved !== l.on_hand)).toEqual([]);
      const companion = await rt.deps.db.selectFrom('stock_levels').innerJoin('products', 'products.id', 'stock_levels.product_id').select('reserved').where('products.sku', '=', plenty).executeTakeFirstOrThrow();
      expect(companion.reserved).toBe(2 * companions);
      const orders = await rt.deps.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', buyer.id).executeTakeFirstOrThrow();
      expect(Number(orders.n)).toBe(ROUNDS + companions);
      await expectLedgerHolds(rt);
    },
    suiteTimeout(120_000),
  );
});
