import type { LightMyRequestResponse } from 'fastify';
import type { Order, OrderEvent, OrderSummary, Problem, StaffRole } from '@ordercare/contracts';
import type { TestRuntime } from '../../../../test/support/runtime.js';

export { CLERK, customer, expectLedgerHolds, product, receive, unwrap, warehouse } from '../../../../test/support/fixtures.js';

export const ADDRESS = { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' };

/** A valid create request; override any field. */
export const orderBody = (customerId: string, over: Record<string, unknown> = {}) => ({
  customerId,
  currency: 'CNY',
  lines: [{ sku: 'BOLT-M8', quantity: 2 }],
  shippingAddress: ADDRESS,
  requestedDeliveryDate: '2026-12-01',
  ...over,
});

type Headers = Record<string, string>;

/** HTTP helpers bound to one runtime and set of headers. */
export function ordersApi(rt: TestRuntime, headers: Headers) {
  return {
    place: (body: object, extra: Headers = {}) => rt.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { ...headers, ...extra }, payload: body }),
    get: (id: string) => rt.app.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers }),
    list: (query: Record<string, string | number | boolean> = {}) =>
      rt.app.inject({ method: 'GET', url: `/api/v1/orders?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`, headers }),
    move: (id: string, to: string, reason?: string, extra: Headers = {}) =>
      rt.app.inject({ method: 'POST', url: `/api/v1/orders/${id}/transitions`, headers: { ...headers, ...extra }, payload: reason === undefined ? { to } : { to, reason } }),
    events: (id: string, query = '') => rt.app.inject({ method: 'GET', url: `/api/v1/orders/${id}/events${query}`, headers }),
  };
}

export async function asRole(rt: TestRuntime, role: StaffRole) {
  return ordersApi(rt, await rt.asRole(role));
}

export function orderOf(res: LightMyRequestResponse): Order {
  if (res.statusCode >= 300) throw new Error(`expected an order, got ${res.statusCode} ${res.body}`);
  return res.json<Order>();
}

export const problemOf = (res: LightMyRequestResponse) => res.json<Problem>();
export type Page<T> = { data: T[]; nextCursor: string | null };
export type { OrderEvent, OrderSummary };

export async function count(rt: TestRuntime, table: 'orders' | 'order_lines' | 'order_events' | 'stock_reservations' | 'stock_movements' | 'outbox' | 'audit_log') {
  const row = await rt.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Row counts of everything a placement writes, to prove that a refused one wrote nothing. */
export async function footprint(rt: TestRuntime) {
  const tables = ['orders', 'order_lines', 'order_events', 'stock_reservations', 'stock_movements', 'outbox', 'audit_log'] as const;
  const counts = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(rt, t)] as const)));
  const numbers = await rt.deps.db.selectFrom('order_number_sequences').selectAll().orderBy('year').execute();
  return { counts, numbers: numbers.map((n) => ({ year: n.year, last: Number(n.last) })) };
}

export async function level(rt: TestRuntime, productId: string, warehouseId: string) {
  const row = await rt.deps.db.selectFrom('stock_levels').selectAll().where('product_id', '=', productId).where('warehouse_id', '=', warehouseId).executeTakeFirst();
  return { onHand: row?.on_hand ?? 0, reserved: row?.reserved ?? 0, available: (row?.on_hand ?? 0) - (row?.reserved ?? 0) };
}

