import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Order, Problem, Shipment } from '@ordercare/contracts';
import type { TestRuntime } from '../../../../test/support/runtime.js';
import { seedDemoCarriers } from '../index.js';

export { customer, expectLedgerHolds, product, receive, unwrap, warehouse } from '../../../../test/support/fixtures.js';

export const orderBody = (customerId: string, over: Record<string, unknown> = {}) => ({
  customerId,
  currency: 'CNY',
  lines: [{ sku: 'BOLT-M8', quantity: 2 }],
  shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' },
  requestedDeliveryDate: '2026-12-01',
  ...over,
});

export function orderOf(res: LightMyRequestResponse): Order {
  if (res.statusCode >= 300) throw new Error(`expected an order, got ${res.statusCode} ${res.body}`);
  return res.json<Order>();
}

export const problemOf = (res: LightMyRequestResponse) => res.json<Problem>();

export async function level(rt: TestRuntime, productId: string, warehouseId: string) {
  const row = await rt.deps.db.selectFrom('stock_levels').selectAll().where('product_id', '=', productId).where('warehouse_id', '=', warehouseId).executeTakeFirst();
  return { onHand: row?.on_hand ?? 0, reserved: row?.reserved ?? 0, available: (row?.on_hand ?? 0) - (row?.reserved ?? 0) };
}


export async function withCarriers(rt: TestRuntime): Promise<void> {
  await seedDemoCarriers(rt.deps);
}

type Headers = Record<string, string>;

/** Shipment HTTP helpers bound to one runtime and set of headers. */
export function shipmentsApi(rt: TestRuntime, headers: Headers) {
  return {
    create: (orderId: string, body: object, extra: Headers = {}) => rt.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/shipments`, headers: { ...headers, ...extra }, payload: body }),
    ofOrder: (orderId: string) => rt.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}/shipments`, headers }),
    get: (id: string) => rt.app.inject({ method: 'GET', url: `/api/v1/shipments/${id}`, headers }),
    event: (id: string, body: object) => rt.app.inject({ method: 'POST', url: `/api/v1/shipments/${id}/events`, headers, payload: body }),
    queue: (query = '') => rt.app.inject({ method: 'GET', url: `/api/v1/fulfilment/queue${query}`, headers }),
    order: (id: string) => rt.app.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers }),
    move: (id: string, to: string) => rt.app.inject({ method: 'POST', url: `/api/v1/orders/${id}/transitions`, headers, payload: { to } }),
  };
}

export function shipmentOf(res: LightMyRequestResponse): Shipment {
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json<Shipment>();
}

export async function orderNow(rt: TestRuntime, headers: Headers, id: string): Promise<Order> {
  const res = await rt.app.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Order>();
}

/** Row counts of everything a shipment or event writes, to prove a refused one wrote nothing. */
export async function footprint(rt: TestRuntime) {
  const tables = ['shipments', 'shipment_lines', 'shipment_events', 'order_events', 'stock_movements', 'outbox', 'audit_log', 'payments'] as const;
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const row = await rt.deps.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[t] = Number(row.n);
  }
  const levels = await rt.deps.db.selectFrom('stock_levels').select(['product_id', 'warehouse_id', 'on_hand', 'reserved']).orderBy('product_id').orderBy('warehouse_id').execute();
  const lines = await rt.deps.db.selectFrom('order_lines').select(['id', 'shipped']).orderBy('id').execute();
  const orders = await rt.deps.db.selectFrom('orders').select(['id', 'status', 'version']).orderBy('id').execute();
  return { counts, levels, lines, orders };
}

export async function outboxOf(rt: TestRuntime, type: string) {
  const rows = await rt.deps.db.selectFrom('outbox').selectAll().where('type', '=', type).orderBy('id').execute();
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}
