import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { CreateProductRequest, Customer, Order, OrderEvent, OrderSummary, Problem, Product, StaffRole, Warehouse } from '@ordercare/contracts';
import type { TestRuntime } from '../../../../test/support/runtime.js';
import type { Actor } from '../../../platform/auth/index.js';
import { inTransaction } from '../../../platform/db/index.js';
import type { Result } from '../../../platform/result.js';
import { createProduct } from '../../catalog/index.js';
import { adjustStock, createWarehouse } from '../../inventory/index.js';

export const CLERK: Actor = { type: 'user', id: 'usr_test_clerk' };

export function unwrap<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function product(rt: TestRuntime, sku: string, extra: Partial<CreateProductRequest> = {}): Promise<Product> {
  const input: CreateProductRequest = { sku, name: `Product ${sku}`, unitPrice: 1000, currency: 'CNY', taxRate: 13, unit: 'pcs', active: true, trackInventory: true, allowBackorder: false, makeToOrder: false, ...extra };
  return unwrap(await inTransaction(rt.deps.db, (tx) => createProduct(tx, rt.deps.clock, CLERK, input)));
}

export async function warehouse(rt: TestRuntime, code: string): Promise<Warehouse> {
  return unwrap(await inTransaction(rt.deps.db, (tx) => createWarehouse(tx, rt.deps.clock, CLERK, { code, name: `Warehouse ${code}` })));
}

export async function receive(rt: TestRuntime, sku: string, warehouseId: string, quantity: number): Promise<void> {
  unwrap(await inTransaction(rt.deps.db, (tx) => adjustStock(tx, rt.deps.clock, CLERK, { sku, warehouseId, quantity, kind: 'receipt', reason: 'test receipt' })));
}

export async function customer(rt: TestRuntime, name = 'Acme Ltd'): Promise<Customer> {
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/customers', headers: await rt.asRole('admin'), payload: { kind: 'business', name } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Customer>();
}

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

/** The stock ledger: on_hand = Σ quantity, reserved = Σ reserved_delta = Σ active reservations, never negative. */
export async function expectLedgerHolds(rt: TestRuntime) {
  const db = rt.deps.db;
  const levels = await db.selectFrom('stock_levels').selectAll().execute();
  for (const l of levels) {
    const sums = await db
      .selectFrom('stock_movements')
      .select([(eb) => eb.fn.coalesce(eb.fn.sum<number>('quantity'), eb.lit(0)).as('q'), (eb) => eb.fn.coalesce(eb.fn.sum<number>('reserved_delta'), eb.lit(0)).as('r')])
      .where('product_id', '=', l.product_id)
      .where('warehouse_id', '=', l.warehouse_id)
      .executeTakeFirstOrThrow();
    const held = await db
      .selectFrom('stock_reservations')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb('quantity', '+', eb.ref('backordered'))), eb.lit(0)).as('t'))
      .where('product_id', '=', l.product_id)
      .where('warehouse_id', '=', l.warehouse_id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const where = `${l.product_id}@${l.warehouse_id}`;
    expect(l.on_hand, `on_hand = Σ quantity at ${where}`).toBe(Number(sums.q));
    expect(l.reserved, `reserved = Σ reserved_delta at ${where}`).toBe(Number(sums.r));
    expect(l.reserved, `reserved = Σ active reservations at ${where}`).toBe(Number(held.t));
    expect(l.on_hand).toBeGreaterThanOrEqual(0);
    expect(l.reserved).toBeGreaterThanOrEqual(0);
  }
}
