import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order, Problem } from '@ordercare/contracts';
import { dbKind } from '../../../../test/support/db.js';
import type { TestRuntime } from '../../../../test/support/runtime.js';
import { httpCluster } from '../../../../test/support/servers.js';
import { count, customer, expectLedgerHolds, level, orderBody, product, receive, warehouse } from './helpers.js';

const UNITS = 10;
const REQUESTS = 50;

/**
 * PostgreSQL: two real `ordercare serve` processes on one database (this process's runtime sets
 * up and inspects it). SQLite: one in-process server on a port. The orders arrive in parallel
 * over real HTTP either way.
 */
let rt: TestRuntime;
let bases: string[] = [];
let close: () => Promise<void>;

beforeAll(async () => {
  ({ rt, bases, close } = await httpCluster(2));
});
afterAll(() => close?.());

describe(`orders under concurrency (${dbKind === 'postgres' ? 'two server processes on PostgreSQL' : 'parallel requests to one server on SQLite'})`, () => {
  it(`places exactly ${UNITS} of ${REQUESTS} parallel orders for the last ${UNITS} units, numbered without gaps`, async () => {
    const buyer = await customer(rt, 'Race Buyer');
    const item = await product(rt, 'RACE-1', { unitPrice: 500 });
    const store = await warehouse(rt, 'RACE-W');
    await receive(rt, item.sku, store.id, UNITS);
    const headers = { ...(await rt.asRole('sales')), 'content-type': 'application/json' };

    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, i) => {
        const body = orderBody(buyer.id, { lines: [{ sku: item.sku, quantity: 1 }], notes: `race ${i}` });
        const res = await fetch(`${bases[i % bases.length]}/api/v1/orders`, { method: 'POST', headers, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as Order | Problem };
      }),
    );

    expect(answers.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([]);
    const won = answers.filter((a) => a.status === 201).map((a) => a.body as Order);
    const lost = answers.filter((a) => a.status === 409).map((a) => a.body as Problem);
    expect(won).toHaveLength(UNITS);
    expect(lost).toHaveLength(REQUESTS - UNITS);
    for (const p of lost) {
      expect(p.code).toBe('insufficient_stock');
      expect(p.errors).toEqual([{ path: 'body.lines.0', message: `${item.sku}: requested 1, available 0` }]);
    }

    // Numbers 1..10 of the year, each once: the 40 refused placements consumed none.
    const year = won[0]!.number.slice(0, 'SO-2026'.length);
    expect(won.map((o) => o.number).sort()).toEqual(Array.from({ length: UNITS }, (_, i) => `${year}-${String(i + 1).padStart(6, '0')}`));
    expect(await count(rt, 'orders')).toBe(UNITS);
    expect(await count(rt, 'order_lines')).toBe(UNITS);

    expect(await level(rt, item.id, store.id)).toMatchObject({ onHand: UNITS, reserved: UNITS, available: 0 });
    const active = await rt.deps.db.selectFrom('stock_reservations').select('reference_id').where('product_id', '=', item.id).where('status', '=', 'active').execute();
    expect(active.map((r) => r.reference_id).sort()).toEqual(won.map((o) => o.id).sort());
    await expectLedgerHolds(rt);
  });

  it('numbers concurrent placements that share no stock without gaps or duplicates, skipping none for the refused', async () => {
    const buyer = await customer(rt, 'Second Buyer');
    await product(rt, 'SERVICE-1', { trackInventory: false }); // no stock row: only the number counter is shared
    const headers = { ...(await rt.asRole('sales')), 'content-type': 'application/json' };
    const before = await count(rt, 'orders');
    const answers = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const sku = i % 3 === 0 ? 'RACE-1' : 'SERVICE-1'; // RACE-1 is sold out: refused after pricing, before numbering
        const res = await fetch(`${bases[i % bases.length]}/api/v1/orders`, { method: 'POST', headers, body: JSON.stringify(orderBody(buyer.id, { lines: [{ sku, quantity: 1 }] })) });
        return { status: res.status, body: (await res.json()) as Order | Problem };
      }),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(20).fill(201), ...Array(10).fill(409)]);
    const numbers = answers.filter((a) => a.status === 201).map((a) => Number((a.body as Order).number.slice(-6)));
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
  });
});
