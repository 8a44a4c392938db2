import { expect } from 'vitest';
import type { Customer, Order } from '@ordercare/contracts';
import { customer, product, receive, warehouse } from '../../../../test/support/fixtures.js';
import type { TestRuntime } from '../../../../test/support/runtime.js';

/** A customer and 10,000 units of BOLT-M8 at 10.00 CNY in warehouse SH-01. */
export async function seedShop(rt: TestRuntime): Promise<Customer> {
  const buyer = await customer(rt, 'Acme Ltd');
  const wh = await warehouse(rt, 'SH-01');
  await product(rt, 'BOLT-M8', { name: 'Bolt M8', taxRate: 0 });
  await receive(rt, 'BOLT-M8', wh.id, 10_000);
  return buyer;
}

/** Places 10 × BOLT-M8 through the API. */
export async function placeOrder(rt: TestRuntime, customerId: string): Promise<Order> {
  const payload = { customerId, currency: 'CNY', lines: [{ sku: 'BOLT-M8', quantity: 10 }], shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' }, requestedDeliveryDate: '2026-12-01' };
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/orders', headers: await rt.asRole('sales'), payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Order>();
}
