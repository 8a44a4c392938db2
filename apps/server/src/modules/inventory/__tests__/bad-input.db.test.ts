import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem, Product, Warehouse } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { product, receive, tableCounts, warehouse } from './fixtures.js';

let rt: TestRuntime;
let bolt: Product;
let service: Product;
let sh: Warehouse;
let headers: Record<string, string>;
beforeAll(async () => {
  rt = await startTestRuntime();
  bolt = await product(rt, 'BAD-BOLT');
  service = await product(rt, 'BAD-SERVICE', { trackInventory: false });
  sh = await warehouse(rt, 'BAD-SH');
  await receive(rt, bolt.sku, sh.id, 5);
  headers = await rt.asRole('warehouse');
  const hold = await rt.app.inject({ method: 'POST', url: '/api/v1/inventory/reservations', headers, payload: { referenceId: 'hold-1', lines: [{ sku: bolt.sku, quantity: 2 }] } });
  expect(hold.statusCode).toBe(201); // on hand 5, reserved 2, available 3
});
afterAll(() => rt?.close());

interface Case {
  name: string;
  url: string;
  method?: 'POST' | 'PUT';
  body: () => Record<string, unknown>;
  status: number;
  code: string;
  errors: { path: string; message?: RegExp }[];
  detail?: RegExp;
}

const adjust = (extra: () => Record<string, unknown>) => () => ({ sku: bolt.sku, warehouseId: sh.id, quantity: 1, reason: 'count', ...extra() });
const reserve = (lines: () => unknown[]) => () => ({ referenceId: 'bad-1', lines: lines() });

const cases: Case[] = [
  { name: 'a zero adjustment', url: '/api/v1/inventory/adjustments', body: adjust(() => ({ quantity: 0 })), status: 400, code: 'validation_failed', errors: [{ path: 'body.quantity', message: /not be 0/ }] },
  { name: 'a fractional adjustment', url: '/api/v1/inventory/adjustments', body: adjust(() => ({ quantity: 1.5 })), status: 400, code: 'validation_failed', errors: [{ path: 'body.quantity', message: /whole number/ }] },
  { name: 'a quantity as text', url: '/api/v1/inventory/adjustments', body: adjust(() => ({ quantity: '3' })), status: 400, code: 'validation_failed', errors: [{ path: 'body.quantity' }] },
  { name: 'a huge quantity', url: '/api/v1/inventory/adjustments', body: adjust(() => ({ quantity: 1e12 })), status: 400, code: 'validation_failed', errors: [{ path: 'body.quantity' }] },
  { name: 'a negative receipt', url: '/api/v1/inventory/adjustments', body: adjust(() => ({ quantity: -1, kind: 'receipt' })), status: 400, code: 'validation_failed', errors: [{ path: 'body.quantity', message: /must be positive/ }] },
  { name: 'an unknown SKU', url: '/api/v1/inventory/adjustments', body: adjust(() => ({ sku: 'NO-SUCH' })), status: 400, code: 'validation_failed', errors: [{ path: 'body.sku', message: /no product has SKU NO-SUCH/ }] },
  { name: 'an unknown warehouse', url: '/api/v1/inventory/adjustments', body: adjust(() => ({ warehouseId: 'whs_nope' })), status: 400, code: 'validation_failed', errors: [{ path: 'body.warehouseId' }] },
  { name: 'a missing reason', url: '/api/v1/inventory/adjustments', body: adjust(() => ({ reason: ' ' })), status: 400, code: 'validation_failed', errors: [{ path: 'body.reason', message: /say why/ }] },
  { name: 'an unknown field', url: '/api/v1/inventory/adjustments', body: adjust(() => ({ colour: 'red' })), status: 400, code: 'validation_failed', errors: [{ path: 'body.colour' }] },
  { name: 'an untracked product', url: '/api/v1/inventory/adjustments', body: adjust(() => ({ sku: service.sku })), status: 409, code: 'not_tracked', errors: [{ path: 'body.sku' }] },
  {
    name: 'an adjustment below zero on hand', url: '/api/v1/inventory/adjustments', body: adjust(() => ({ quantity: -6 })), status: 409, code: 'insufficient_stock',
    errors: [{ path: 'body.quantity', message: /at most 3/ }], detail: /Cannot remove 6 of BAD-BOLT at BAD-SH: 5 units on hand, 2 of them reserved, so at most 3 can be removed/,
  },
  { name: 'an adjustment below what is reserved', url: '/api/v1/inventory/adjustments', body: adjust(() => ({ quantity: -4 })), status: 409, code: 'insufficient_stock', errors: [{ path: 'body.quantity', message: /at most 3/ }] },
  { name: 'negative thresholds', url: '/api/v1/inventory/thresholds', method: 'PUT', body: () => ({ sku: bolt.sku, warehouseId: sh.id, safetyStock: -1, reorderPoint: 2.5 }), status: 400, code: 'validation_failed', errors: [{ path: 'body.safetyStock' }, { path: 'body.reorderPoint' }] },
  { name: 'thresholds of an unknown SKU', url: '/api/v1/inventory/thresholds', method: 'PUT', body: () => ({ sku: 'NO-SUCH', warehouseId: sh.id, safetyStock: 1, reorderPoint: 2 }), status: 400, code: 'validation_failed', errors: [{ path: 'body.sku' }] },
  { name: 'a reservation of 0', url: '/api/v1/inventory/reservations', body: reserve(() => [{ sku: bolt.sku, quantity: 0 }]), status: 400, code: 'validation_failed', errors: [{ path: 'body.lines.0.quantity', message: /at least 1/ }] },
  { name: 'a negative reservation', url: '/api/v1/inventory/reservations', body: reserve(() => [{ sku: bolt.sku, quantity: -3 }]), status: 400, code: 'validation_failed', errors: [{ path: 'body.lines.0.quantity' }] },
  { name: 'a fractional reservation', url: '/api/v1/inventory/reservations', body: reserve(() => [{ sku: bolt.sku, quantity: 0.5 }]), status: 400, code: 'validation_failed', errors: [{ path: 'body.lines.0.quantity', message: /whole number/ }] },
  { name: 'a reservation without lines', url: '/api/v1/inventory/reservations', body: reserve(() => []), status: 400, code: 'validation_failed', errors: [{ path: 'body.lines' }] },
  {
    name: 'a reservation with an unknown SKU', url: '/api/v1/inventory/reservations', body: reserve(() => [{ sku: bolt.sku, quantity: 1 }, { sku: 'NO-SUCH', quantity: 1 }]), status: 400, code: 'validation_failed',
    errors: [{ path: 'body.lines.1.sku', message: /no product has SKU NO-SUCH/ }],
  },
  {
    name: 'a reservation above available', url: '/api/v1/inventory/reservations', body: reserve(() => [{ sku: service.sku, quantity: 100 }, { sku: bolt.sku, quantity: 4 }]), status: 409, code: 'insufficient_stock',
    errors: [{ path: 'lines.1', message: /^BAD-BOLT: requested 4, available 3$/ }],
  },
  {
    name: 'lines sharing a SKU that together exceed available', url: '/api/v1/inventory/reservations', body: reserve(() => [{ sku: bolt.sku, quantity: 2 }, { sku: bolt.sku, quantity: 2 }]), status: 409, code: 'insufficient_stock',
    errors: [{ path: 'lines.0', message: /requested 4 \(lines 0, 1 together\), available 3/ }, { path: 'lines.1', message: /requested 4 \(lines 0, 1 together\), available 3/ }],
  },
];

describe('bad input to inventory endpoints', () => {
  it.each(cases)('refuses $name with a clear 4xx naming the field, and writes nothing', async (c) => {
    const before = await tableCounts(rt);
    const res = await rt.app.inject({ method: c.method ?? 'POST', url: c.url, headers, payload: c.body() });
    const body = res.json<Problem>();
    expect(res.statusCode, res.body).toBe(c.status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(body.code).toBe(c.code);
    expect(body.errors?.map((e) => e.path)).toEqual(c.errors.map((e) => e.path));
    c.errors.forEach((e, i) => e.message && expect(body.errors?.[i]?.message).toMatch(e.message));
    if (c.detail) expect(body.detail).toMatch(c.detail);
    expect(await tableCounts(rt)).toEqual(before);
  });

  it('still holds what it held before all of that', async () => {
    const res = await rt.app.inject({ method: 'GET', url: `/api/v1/inventory?sku=${bolt.sku}`, headers });
    expect(res.json<{ data: unknown[] }>().data).toMatchObject([{ sku: bolt.sku, onHand: 5, reserved: 2, available: 3 }]);
  });
});
