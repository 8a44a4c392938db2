import { expect } from 'vitest';
import type { Customer, Message, Order } from '@ordercare/contracts';
import type { TestRuntime } from '../../../../test/support/runtime.js';
export { startSmtp, type TestSmtp } from '../../../../test/support/smtp.js';
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

/** 10,000 units of BOLT-M8 at 10.00 CNY in warehouse SH-01. */
export async function seedStock(rt: TestRuntime): Promise<void> {
  const wh = unwrap(await inTransaction(rt.deps.db, (tx) => createWarehouse(tx, rt.deps.clock, CLERK, { code: 'SH-01', name: 'Shanghai' })));
  unwrap(await inTransaction(rt.deps.db, (tx) => createProduct(tx, rt.deps.clock, CLERK, { sku: 'BOLT-M8', name: 'Bolt M8', unitPrice: 1000, currency: 'CNY', taxRate: 0, unit: 'pcs', active: true, trackInventory: true, allowBackorder: false, makeToOrder: false })));
  unwrap(await inTransaction(rt.deps.db, (tx) => adjustStock(tx, rt.deps.clock, CLERK, { sku: 'BOLT-M8', warehouseId: wh.id, quantity: 10_000, kind: 'receipt', reason: 'test receipt' })));
}

export async function createCustomer(rt: TestRuntime, fields: Record<string, unknown>): Promise<Customer> {
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/customers', headers: await rt.asRole('admin'), payload: { kind: 'individual', ...fields } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Customer>();
}

/** Places 10 × BOLT-M8 through the API. */
export async function placeOrder(rt: TestRuntime, customerId: string): Promise<Order> {
  const payload = { customerId, currency: 'CNY', lines: [{ sku: 'BOLT-M8', quantity: 10 }], shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' }, requestedDeliveryDate: '2026-12-01' };
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/orders', headers: await rt.asRole('sales'), payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Order>();
}

export async function messagesOf(rt: TestRuntime, query: string): Promise<Message[]> {
  const res = await rt.app.inject({ method: 'GET', url: `/api/v1/messages?${query}`, headers: await rt.asRole('support') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ data: Message[] }>().data;
}
