import type { CreateProductRequest, Product, StockLevel, Warehouse } from '@ordercare/contracts';
import { expect } from 'vitest';
import type { TestRuntime } from '../../../../test/support/runtime.js';
import type { Actor } from '../../../platform/auth/index.js';
import { inTransaction, type Tx } from '../../../platform/db/index.js';
import type { Result } from '../../../platform/result.js';
import { createProduct } from '../../catalog/index.js';
import { adjustStock, createWarehouse, setThresholds } from '../index.js';

export const CLERK: Actor = { type: 'user', id: 'usr_test_clerk' };

/** Runs a command in its own transaction (rolled back on `err`, like the routes do). */
export const run = <T, E>(rt: TestRuntime, work: (tx: Tx) => Promise<Result<T, E>>) => inTransaction(rt.deps.db, work);

export function unwrap<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function product(rt: TestRuntime, sku: string, extra: Partial<CreateProductRequest> = {}): Promise<Product> {
  const input: CreateProductRequest = { sku, name: `Product ${sku}`, unitPrice: 1000, currency: 'CNY', taxRate: 13, unit: 'pcs', active: true, trackInventory: true, allowBackorder: false, makeToOrder: false, ...extra };
  return unwrap(await run(rt, (tx) => createProduct(tx, rt.deps.clock, CLERK, input)));
}

export async function warehouse(rt: TestRuntime, code: string): Promise<Warehouse> {
  return unwrap(await run(rt, (tx) => createWarehouse(tx, rt.deps.clock, CLERK, { code, name: `Warehouse ${code}` })));
}

export async function receive(rt: TestRuntime, sku: string, warehouseId: string, quantity: number): Promise<StockLevel> {
  return unwrap(await run(rt, (tx) => adjustStock(tx, rt.deps.clock, CLERK, { sku, warehouseId, quantity, kind: 'receipt', reason: 'test receipt' })));
}

export async function thresholds(rt: TestRuntime, sku: string, warehouseId: string, safetyStock: number, reorderPoint: number): Promise<StockLevel> {
  return unwrap(await run(rt, (tx) => setThresholds(tx, rt.deps.clock, CLERK, { sku, warehouseId, safetyStock, reorderPoint })));
}

/** Row counts of every inventory table, to prove that a refused request wrote nothing. */
export async function tableCounts(rt: TestRuntime) {
  const n = (table: 'stock_movements' | 'stock_levels' | 'stock_reservations' | 'outbox' | 'audit_log') =>
    rt.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  const row = await rt.deps.db
    .selectNoFrom([n('stock_movements').as('movements'), n('stock_levels').as('levels'), n('stock_reservations').as('reservations'), n('outbox').as('outbox'), n('audit_log').as('audit')])
    .executeTakeFirstOrThrow();
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

/** One level as the database holds it (zeros when it does not exist yet). */
export async function level(rt: TestRuntime, productId: string, warehouseId: string) {
  const row = await rt.deps.db.selectFrom('stock_levels').selectAll().where('product_id', '=', productId).where('warehouse_id', '=', warehouseId).executeTakeFirst();
  return { onHand: row?.on_hand ?? 0, reserved: row?.reserved ?? 0, available: (row?.on_hand ?? 0) - (row?.reserved ?? 0), low: row?.low ?? 0 };
}

/**
 * The ledger invariants for every level: on_hand = Σ quantity, reserved = Σ reserved_delta,
 * on_hand ≥ 0, 0 ≤ reserved ≤ on_hand unless the product allows backorders, the `low` flag equal
 * to "available ≤ reorder point > 0", and active reservations adding up to reserved.
 */
export async function expectLedgerHolds(rt: TestRuntime, backorderable: ReadonlySet<string> = new Set()) {
  const db = rt.deps.db;
  const levels = await db.selectFrom('stock_levels').selectAll().execute();
  const sums = await db
    .selectFrom('stock_movements')
    .select(['product_id', 'warehouse_id', (eb) => eb.fn.sum<string | number>('quantity').as('q'), (eb) => eb.fn.sum<string | number>('reserved_delta').as('r')])
    .groupBy(['product_id', 'warehouse_id'])
    .execute();
  const held = await db
    .selectFrom('stock_reservations')
    .select(['product_id', 'warehouse_id', (eb) => eb.fn.sum<string | number>(eb('quantity', '+', eb.ref('backordered'))).as('t')])
    .where('status', '=', 'active')
    .groupBy(['product_id', 'warehouse_id'])
    .execute();
  const key = (r: { product_id: string; warehouse_id: string }) => `${r.product_id}|${r.warehouse_id}`;
  const ledger = new Map(sums.map((s) => [key(s), { q: Number(s.q), r: Number(s.r) }]));
  const reservedByRows = new Map(held.map((h) => [key(h), Number(h.t)]));
  expect(ledger.size).toBeLessThanOrEqual(levels.length);
  for (const l of levels) {
    const where = key(l);
    const sum = ledger.get(where) ?? { q: 0, r: 0 };
    expect(l.on_hand, `on_hand = Σ quantity at ${where}`).toBe(sum.q);
    expect(l.reserved, `reserved = Σ reserved_delta at ${where}`).toBe(sum.r);
    expect(l.reserved, `active reservations add up to reserved at ${where}`).toBe(reservedByRows.get(where) ?? 0);
    expect(l.on_hand, `on_hand ≥ 0 at ${where}`).toBeGreaterThanOrEqual(0);
    expect(l.reserved, `reserved ≥ 0 at ${where}`).toBeGreaterThanOrEqual(0);
    if (!backorderable.has(l.product_id)) expect(l.reserved, `reserved ≤ on_hand at ${where}`).toBeLessThanOrEqual(l.on_hand);
    const low = l.reorder_point > 0 && l.on_hand - l.reserved <= l.reorder_point;
    expect(l.low, `low flag at ${where}`).toBe(low ? 1 : 0);
  }
}
