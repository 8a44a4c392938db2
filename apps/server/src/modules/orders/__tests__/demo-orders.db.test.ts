import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { DEMO_CUSTOMER_ID, seedDemoCustomers } from '../../customers/index.js';
import { seedDemoCatalog } from '../../inventory/index.js';
import { seedDemoOrders } from '../index.js';
import { expectLedgerHolds } from './helpers.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

describe('demo orders on first start', () => {
  it('gives the demo customer a placed order and a confirmed one whose change waits for them, once', async () => {
    await seedDemoCustomers(rt.deps);
    await seedDemoCatalog(rt.deps);
    expect(await seedDemoOrders(rt.deps)).toBe(true);
    expect(await seedDemoOrders(rt.deps)).toBe(false); // only into an empty order table

    const orders = await rt.deps.db.selectFrom('orders').select(['id', 'status', 'customer_id']).orderBy('id').execute();
    expect(orders.map((o) => [o.customer_id, o.status])).toEqual([
      [DEMO_CUSTOMER_ID, 'confirmed'],
      [DEMO_CUSTOMER_ID, 'placed'],
    ]);
    const pending = await rt.deps.db.selectFrom('order_changes').select(['order_id', 'status']).execute();
    expect(pending).toEqual([{ order_id: orders[0]!.id, status: 'pending' }]);
    const reserved = await rt.deps.db.selectFrom('stock_reservations').select('reference_id').where('status', '=', 'active').execute();
    expect(new Set(reserved.map((r) => r.reference_id))).toEqual(new Set(orders.map((o) => o.id)));
    await expectLedgerHolds(rt);
  });
});
