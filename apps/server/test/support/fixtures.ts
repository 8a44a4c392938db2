import { expect } from 'vitest';
import type { CreateProductRequest, Customer, Product, Warehouse } from '@ordercare/contracts';
import type { Actor } from '../../src/platform/auth/index.js';
import { inTransaction } from '../../src/platform/db/index.js';
import type { Result } from '../../src/platform/result.js';
import { createProduct } from '../../src/modules/catalog/index.js';
import { adjustStock, createWarehouse } from '../../src/modules/inventory/index.js';
import type { TestRuntime } from './runtime.js';

/** Set-up through the modules' commands and the invariants every stock-touching suite checks. */

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
