import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Customer, Order, OrderPayments, Payment, Problem, StaffRole } from '@ordercare/contracts';
import { customer, product, receive, warehouse } from '../../../../test/support/fixtures.js';
import type { TestRuntime } from '../../../../test/support/runtime.js';

type Headers = Record<string, string>;

/** HTTP helpers for the payments routes, bound to one runtime and one set of headers. */
export function paymentsApi(rt: TestRuntime, headers: Headers) {
  return {
    pay: (orderId: string, body: object, extra: Headers = {}) => rt.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/payments`, headers: { ...headers, ...extra }, payload: body }),
    refund: (orderId: string, body: object, extra: Headers = {}) => rt.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/refunds`, headers: { ...headers, ...extra }, payload: body }),
    list: (orderId: string, query = '') => rt.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}/payments${query}`, headers }),
    order: (orderId: string) => rt.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}`, headers }),
  };
}

export const paymentOf = (res: LightMyRequestResponse): Payment => {
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Payment>();
};
export const positionOf = (res: LightMyRequestResponse): OrderPayments => {
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OrderPayments>();
};
export const problemOf = (res: LightMyRequestResponse) => res.json<Problem>();
export type { Order };

/** Row counts of everything a payment or refund writes, to prove that a refused one wrote nothing. */
export async function footprint(rt: TestRuntime, orderId: string) {
  const db = rt.deps.db;
  const n = async (table: 'payments' | 'order_events' | 'outbox' | 'audit_log') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const order = await db.selectFrom('orders').select(['paid_total', 'refunded_total', 'payment_status', 'version']).where('id', '=', orderId).executeTakeFirstOrThrow();
  return { payments: await n('payments'), events: await n('order_events'), outbox: await n('outbox'), audit: await n('audit_log'), order };
}

/** A customer and 10,000 units of BOLT-M8 at 10.00 CNY, tax-free, in warehouse SH-01. */
export async function seedShop(rt: TestRuntime): Promise<Customer> {
  const buyer = await customer(rt, 'Acme Ltd');
  const wh = await warehouse(rt, 'SH-01');
  await product(rt, 'BOLT-M8', { name: 'Bolt M8', taxRate: 0 });
  await receive(rt, 'BOLT-M8', wh.id, 10_000);
  return buyer;
}

/** Places 10 × BOLT-M8 = 100.00 CNY (10000 minor units) through the API. */
export async function placeOrder(rt: TestRuntime, customerId: string, over: Record<string, unknown> = {}): Promise<Order> {
  const payload = { customerId, currency: 'CNY', lines: [{ sku: 'BOLT-M8', quantity: 10 }], shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' }, requestedDeliveryDate: '2026-12-01', ...over };
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/orders', headers: await rt.asRole('sales'), payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Order>();
}

export const orderOf = (res: LightMyRequestResponse): Order => {
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Order>();
};

export async function moveOrder(rt: TestRuntime, role: StaffRole, orderId: string, to: string, reason: string) {
  return rt.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/transitions`, headers: await rt.asRole(role), payload: { to, reason } });
}

export async function orderEvents(rt: TestRuntime, orderId: string) {
  const res = await rt.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}/events?limit=200`, headers: await rt.asRole('support') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ data: { type: string; reason: string | null; changes: unknown }[] }>().data;
}
