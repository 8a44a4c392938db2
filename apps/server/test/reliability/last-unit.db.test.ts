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
let headers: Record<string, string>;

beforeAll(async () => {
  ({ rt, bases, close } = await httpCluster(2));
  buyer = await setupCustomer(rt, 'Last Unit Buyer');
  store = await setupWarehouse(rt, 'LAST-W');
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
    'sells the last unit exactly once per round, also when two lines of one order share the SKU',
    async () => {
      const failures: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Even rounds: one unit, every buyer wants one. Odd rounds: two units, every buyer
        // wants both, as two lines of the same SKU (the lines must be counted together).
        const shared = round % 2 === 1;
        const sku = `LAST-${round}`;
        await stockedProduct(sku, shared ? 2 : 1);
        const answers = await race(shared ? [{ sku, quantity: 1 }, { sku, quantity: 1 }] : [{ sku, quantity: 1 }]);
        const won = answers.filter((a) => a.status === 201).length;
        const refused = answers.filter((a) => a.status === 409 && a.body.code === 'insufficient_stock').length;
        if (won !== 1 || refused !== BUYERS - 1) failures.push(`round ${round} (${sku}): ${won} placed, ${refused} refused, others ${JSON.stringify(answers.filter((a) => a.status !== 201 && a.status !== 409))}`);
      }
      expect(failures).toEqual([]);

      // Every round's stock is fully reserved by exactly one order, and the ledger sums.
      const levels = await rt.deps.db.selectFrom('stock_levels').innerJoin('products', 'products.id', 'stock_levels.product_id').select(['products.sku', 'on_hand', 'reserved']).where('products.sku', 'like', 'LAST-%').execute();
      expect(levels).toHaveLength(ROUNDS);
      expect(levels.filter((l) => l.reserved !== l.on_hand)).toEqual([]);
      const orders = await rt.deps.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', buyer.id).executeTakeFirstOrThrow();
      expect(Number(orders.n)).toBe(ROUNDS);
      await expectLedgerHolds(rt);
    },
    suiteTimeout(120_000),
  );
});
