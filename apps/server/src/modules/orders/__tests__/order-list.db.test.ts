import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Order } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { asRole, customer, orderBody, orderOf, problemOf, product, receive, warehouse, type OrderSummary, type Page } from './helpers.js';

let rt: TestRuntime;
let acme: Customer;
let beta: Customer;
const clock = manualClock(); // today is 2026-11-22
const placed: Record<string, Order> = {};

beforeAll(async () => {
  rt = await startTestRuntime({ clock });
  acme = await customer(rt, 'Acme Ltd');
  beta = await customer(rt, 'Beta GmbH');
  const sh = await warehouse(rt, 'SH-01');
  await product(rt, 'BOLT-M8', { unitPrice: 100 });
  await receive(rt, 'BOLT-M8', sh.id, 1000);
  const sales = await asRole(rt, 'sales');
  const specs = [
    ['a', acme, 'normal', { requestedDeliveryDate: '2026-11-20' }], // overdue
    ['b', beta, 'urgent', { requestedDeliveryDate: '2026-12-20' }],
    ['c', acme, 'low', { requestedDeliveryDate: '2026-11-01', promisedDeliveryDate: '2026-11-30' }], // promised date still ahead
    ['d', beta, 'urgent', { requestedDeliveryDate: '2026-11-21' }], // overdue, but cancelled below
    ['e', acme, 'high', { requestedDeliveryDate: '2026-11-22' }], // due today: not overdue yet
  ] as const;
  for (const [key, who, priority, dates] of specs) {
    placed[key] = orderOf(await sales.place(orderBody(who.id, { priority, ...dates })));
    clock.advance(3_600_000); // one hour apart: a at 09:00 … e at 13:00
  }
  expect((await sales.move(placed.d!.id, 'cancelled')).statusCode).toBe(200);
});
afterAll(() => rt?.close());

async function list(query: Record<string, string | number> = {}) {
  const res = await (await asRole(rt, 'finance')).list(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page<OrderSummary>>();
}
const keys = (page: Page<OrderSummary>) => page.data.map((o) => Object.entries(placed).find(([, p]) => p.id === o.id)?.[0]);

describe('GET /orders', () => {
  it('lists newest first and pages with the cursor', async () => {
    expect(keys(await list())).toEqual(['e', 'd', 'c', 'b', 'a']);
    const first = await list({ limit: 2 });
    expect(keys(first)).toEqual(['e', 'd']);
    const second = await list({ limit: 2, cursor: first.nextCursor! });
    expect(keys(second)).toEqual(['c', 'b']);
    const third = await list({ limit: 2, cursor: second.nextCursor! });
    expect([keys(third), third.nextCursor]).toEqual([['a'], null]);
    expect(first.data[0]).toMatchObject({ number: placed.e!.number, status: 'placed', paymentStatus: 'unpaid', customerName: 'Acme Ltd', total: 226, priority: 'high', overdue: false, channel: 'api' });
  });

  it('lists urgent first with sort=priority, newest first within a priority, and pages through it', async () => {
    expect(keys(await list({ sort: 'priority' }))).toEqual(['d', 'b', 'e', 'a', 'c']);
    const first = await list({ sort: 'priority', limit: 3 });
    const rest = await list({ sort: 'priority', limit: 3, cursor: first.nextCursor! });
    expect([...keys(first), ...keys(rest)]).toEqual(['d', 'b', 'e', 'a', 'c']);
    const wrong = await (await asRole(rt, 'sales')).list({ cursor: first.nextCursor! });
    expect([wrong.statusCode, problemOf(wrong).errors?.[0]?.path]).toEqual([400, 'query.cursor']);
  });

  it('filters by status, priority, customer, placement time and overdue', async () => {
    expect(keys(await list({ status: 'cancelled' }))).toEqual(['d']);
    expect(keys(await list({ priority: 'urgent' }))).toEqual(['d', 'b']);
    expect(keys(await list({ customerId: acme.id }))).toEqual(['e', 'c', 'a']);
    expect(keys(await list({ customerId: acme.id, priority: 'low' }))).toEqual(['c']);
    expect(keys(await list({ from: '2026-11-22T10:00:00Z', to: '2026-11-22T12:00:00.000Z' }))).toEqual(['d', 'c', 'b']);
    expect(keys(await list({ from: '2026-11-22', to: '2026-11-22' }))).toHaveLength(5);
    expect(keys(await list({ to: '2026-11-21' }))).toEqual([]);
    const overdue = await list({ overdue: 'true' });
    expect([keys(overdue), overdue.data.every((o) => o.overdue)]).toEqual([['a'], true]);
    expect(keys(await list({ overdue: 'false' }))).toEqual(['e', 'd', 'c', 'b']);
  });

  it('pages through a placement-time range, newest first and by priority, combined with other filters', async () => {
    const day = { from: '2026-11-22', to: '2026-11-22' };
    const first = await list({ ...day, limit: 2 });
    const second = await list({ ...day, limit: 2, cursor: first.nextCursor! });
    const third = await list({ ...day, limit: 2, cursor: second.nextCursor! });
    expect([...keys(first), ...keys(second), ...keys(third), third.nextCursor]).toEqual(['e', 'd', 'c', 'b', 'a', null]);
    const byPriority = await list({ ...day, sort: 'priority', limit: 3 });
    const rest = await list({ ...day, sort: 'priority', limit: 3, cursor: byPriority.nextCursor! });
    expect([...keys(byPriority), ...keys(rest)]).toEqual(['d', 'b', 'e', 'a', 'c']);
    expect(keys(await list({ ...day, customerId: acme.id, overdue: 'false' }))).toEqual(['e', 'c']);
    expect(first.data[0]).toMatchObject({ number: placed.e!.number, total: 226, priority: 'high' }); // whole rows, not just ids
  });

  it('answers 400 for a bad filter', async () => {
    const res = await (await asRole(rt, 'sales')).list({ status: 'lost', overdue: 'maybe' });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).errors?.map((e) => e.path).sort()).toEqual(['query.overdue', 'query.status']);
  });
});
