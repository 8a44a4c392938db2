import { expect } from 'vitest';
import type { Customer, Order } from '@ordercare/contracts';
import type { TestRuntime } from '../../../../test/support/runtime.js';
import type { Actor } from '../../../platform/auth/index.js';
import { inTransaction } from '../../../platform/db/index.js';
import type { Result } from '../../../platform/result.js';
import { createProduct } from '../../catalog/index.js';
import { adjustStock, createWarehouse } from '../../inventory/index.js';

const CLERK: Actor = { type: 'user', id: 'usr_test_clerk' };

function unwrap<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

/** A customer and 10,000 units of BOLT-M8 at 10.00 CNY in warehouse SH-01. */
export async function seedShop(rt: TestRuntime): Promise<Customer> {
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/customers', headers: await rt.asRole('admin'), payload: { kind: 'business', name: 'Acme Ltd' } });
  expect(res.statusCode, res.body).toBe(201);
  const wh = unwrap(await inTransaction(rt.deps.db, (tx) => createWarehouse(tx, rt.deps.clock, CLERK, { code: 'SH-01', name: 'Shanghai' })));
  unwrap(await inTransaction(rt.deps.db, (tx) => createProduct(tx, rt.deps.clock, CLERK, { sku: 'BOLT-M8', name: 'Bolt M8', unitPrice: 1000, currency: 'CNY', taxRate: 0, unit: 'pcs', active: true, trackInventory: true, allowBackorder: false, makeToOrder: false })));
  unwrap(await inTransaction(rt.deps.db, (tx) => adjustStock(tx, rt.deps.clock, CLERK, { sku: 'BOLT-M8', warehouseId: wh.id, quantity: 10_000, kind: 'receipt', reason: 'test receipt' })));
  return res.json<Customer>();
}

/** Places 10 × BOLT-M8 through the API. */
export async function placeOrder(rt: TestRuntime, customerId: string): Promise<Order> {
  const payload = { customerId, currency: 'CNY', lines: [{ sku: 'BOLT-M8', quantity: 10 }], shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' }, requestedDeliveryDate: '2026-12-01' };
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/orders', headers: await rt.asRole('sales'), payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Order>();
}
