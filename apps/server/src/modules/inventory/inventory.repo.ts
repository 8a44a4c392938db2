import { sql } from 'kysely';
import { insertSoon, isPostgres, runReused, type Executor } from '../../platform/db/index.js';
import type { StockLevelsTable, StockMovementsTable, StockReservationsTable, WarehousesTable } from '../../platform/db/schema.js';
import { emptyLevel } from './stock.js';

// ---- warehouses ----
export const findWarehouse = (db: Executor, id: string) => db.selectFrom('warehouses').selectAll().where('id', '=', id).executeTakeFirst();
export const findWarehouseByCode = (db: Executor, code: string) => db.selectFrom('warehouses').selectAll().where('code', '=', code).executeTakeFirst();
export const findWarehousesByIds = (db: Executor, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('warehouses').selectAll().where('id', 'in', [...new Set(ids)]).execute();

export async function insertWarehouse(db: Executor, row: WarehousesTable): Promise<boolean> {
  const inserted = await db.insertInto('warehouses').values(row).onConflict((oc) => oc.column('code').doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

export function listWarehouses(db: Executor, limit: number, afterCode?: string) {
  let q = db.selectFrom('warehouses').selectAll().orderBy('code').limit(limit + 1);
  if (afterCode !== undefined) q = q.where('code', '>', afterCode);
  return q.execute();
}

// ---- stock levels ----
export const findLevel = (db: Executor, productId: string, warehouseId: string) =>
  db.selectFrom('stock_levels').selectAll().where('product_id', '=', productId).where('warehouse_id', '=', warehouseId).executeTakeFirst();

/**
 * Every active warehouse with what it holds of `productIds` (one statement where a reservation
 * used to read warehouses, then levels): one row per warehouse and level, or one row with no
 * product for a warehouse that holds none of them.
 */
export const activeWarehouseLevels = async (db: Executor, productIds: readonly string[]) =>
  (
    await runReused(db, `stock.active-levels:${productIds.length}`, [...productIds, 1], () =>
      db
        .selectFrom('warehouses as w')
        .leftJoin('stock_levels as l', (join) => join.onRef('l.warehouse_id', '=', 'w.id').on('l.product_id', 'in', [...productIds]))
        .select(['w.id as warehouse_id', 'w.code', 'l.product_id', 'l.on_hand', 'l.reserved'])
        .where('w.active', '=', 1),
    )
  ).rows;

/**
 * `activeWarehouseLevels` for the products with these SKUs, as a subquery whose rows become one
 * JSON column of the caller's statement (placement reads customer, products and stock in one round trip).
 */
export const activeLevelsBySkusQuery = (db: Executor, skus: readonly string[]) =>
  db
    .selectFrom('warehouses as w')
    .leftJoin('stock_levels as l', (join) => join.onRef('l.warehouse_id', '=', 'w.id').on('l.product_id', 'in', db.selectFrom('products').select('id').where('sku', 'in', [...skus])))
    .select(['w.id as warehouse_id', 'w.code', 'l.product_id', 'l.on_hand', 'l.reserved'])
    .where('w.active', '=', 1);

export type ActiveLevelRow = Awaited<ReturnType<typeof activeWarehouseLevels>>[number];

/** Creates the level row at zero if it does not exist yet (levels appear at their first movement). */
export async function ensureLevel(db: Executor, productId: string, warehouseId: string, now: string): Promise<void> {
  await db.insertInto('stock_levels').values(emptyLevel(productId, warehouseId, now)).onConflict((oc) => oc.columns(['product_id', 'warehouse_id']).doNothing()).execute();
}

const level = (db: Executor, productId: string, warehouseId: string) =>
  db.updateTable('stock_levels').where('product_id', '=', productId).where('warehouse_id', '=', warehouseId);

/**
 * on_hand += delta, only if the result keeps the ledger invariant: never below zero, and never
 * below what is reserved unless the product may be backordered. Returns the new row, or undefined
 * when the guard refused. One statement, so it is correct under concurrency.
 */
export function addOnHand(db: Executor, productId: string, warehouseId: string, delta: number, allowBackorder: boolean, now: string) {
  let q = level(db, productId, warehouseId)
    .set({ on_hand: sql<number>`on_hand + ${delta}`, updated_at: now })
    .where(sql<boolean>`on_hand + ${delta} >= 0`);
  if (!allowBackorder) q = q.where(sql<boolean>`on_hand + ${delta} >= reserved`);
  return q.returningAll().executeTakeFirst();
}

/** One allocation for `reserveGuardedAll`. */
export interface GuardedReservation {
  productId: string;
  warehouseId: string;
  /** Units that must be available (on_hand − reserved) for the update to happen; 0 for none. */
  fromStock: number;
  /** What `reserved` grows by (backordered units included). */
  total: number;
}

/**
 * reserved += total for every allocation in one statement, each only while its `fromStock` units
 * are still available (on_hand − reserved ≥ fromStock; PostgreSQL re-checks that on the newest row
 * version after waiting for a row's lock). Returns the levels it changed (after the change); an
 * allocation missing from them lost its guard to a concurrent transaction, and the caller rolls
 * the others back. Give the allocations in (product, warehouse) order.
 *
 * On PostgreSQL a statement of several levels first locks them in that order (a materialized CTE
 * the update joins), as every other multi-level change does. The update alone would lock them in
 * whatever order its plan visits them: a nested loop over the values follows their order, but a
 * hash join over a sequential scan follows the rows' places in the heap, which change with every
 * update, and two reservations then wait on each other in a cycle (seen as `deadlock detected`
 * under contention once the planner picked that plan). SQLite has one writer at a time and needs
 * no lock order.
 */
export async function reserveGuardedAll(db: Executor, allocations: readonly GuardedReservation[], now: string): Promise<StockLevelsTable[]> {
  const parameters = [...allocations.flatMap((a) => [a.productId, a.warehouseId, a.fromStock, a.total]), now];
  const build = () => {
    const values = sql.join(allocations.map((a) => sql`(${a.productId}, ${a.warehouseId}, cast(${a.fromStock} as integer), cast(${a.total} as integer))`));
    // PostgreSQL: the levels to change, locked in (product, warehouse) order before the update touches one.
    // The lateral subquery (never pulled up: it locks) runs once per value, in the values' sorted
    // order, as a probe of the primary key; a join would let the planner scan and hash instead.
    const locked = sql`, locked as materialized (
      select v_product, v_warehouse, v_guard, v_total from (select * from v order by v_product collate "C", v_warehouse collate "C") o
      cross join lateral (select 1 from stock_levels s where s.product_id = o.v_product and s.warehouse_id = o.v_warehouse for update) l)`;
    // RETURNING names the level's columns: PostgreSQL's `*` would add v's, SQLite refuses `stock_levels.*`.
    const statement = sql<StockLevelsTable>`with v (v_product, v_warehouse, v_guard, v_total) as (values ${values})${lockFirst ? locked : sql``}
      update stock_levels set reserved = reserved + v_total, updated_at = ${now}
      from ${lockFirst ? sql`locked` : sql`v`}
      where product_id = v_product and warehouse_id = v_warehouse and (v_guard = 0 or on_hand - reserved >= v_guard)
      returning product_id, warehouse_id, on_hand, reserved, safety_stock, reorder_point, low, updated_at`;
    return { compile: () => statement.compile(db) };
  };
  const lockFirst = allocations.length > 1 && isPostgres(db); // one row locked alone cannot close a cycle
  // Every order runs this: the text is compiled once per number of allocations (`runReused`).
  return (await runReused(db, `stock.reserveAll:${allocations.length}`, parameters, build)).rows;
}

/** reserved −= quantity (a release). */
export async function unreserve(db: Executor, productId: string, warehouseId: string, quantity: number, now: string): Promise<void> {
  await level(db, productId, warehouseId).set({ reserved: sql<number>`reserved - ${quantity}`, updated_at: now }).execute();
}

/** Reserved units leave the building: on_hand −= q and reserved −= q, only if q units are on hand. */
export async function shipGuarded(db: Executor, productId: string, warehouseId: string, quantity: number, now: string): Promise<boolean> {
  const r = await level(db, productId, warehouseId)
    .set({ on_hand: sql<number>`on_hand - ${quantity}`, reserved: sql<number>`reserved - ${quantity}`, updated_at: now })
    .where('on_hand', '>=', quantity)
    .where('reserved', '>=', quantity)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const setThresholds = (db: Executor, productId: string, warehouseId: string, safetyStock: number, reorderPoint: number, now: string) =>
  level(db, productId, warehouseId).set({ safety_stock: safetyStock, reorder_point: reorderPoint, updated_at: now }).execute();

export const setLowFlag = (db: Executor, productId: string, warehouseId: string, low: boolean) => level(db, productId, warehouseId).set({ low: low ? 1 : 0 }).execute();

const pairCursor = (q: { product_id: string; warehouse_id: string }) => `${q.product_id}|${q.warehouse_id}`;
export const levelCursor = pairCursor;

/** Levels in (product, warehouse) order; `lowOnly` uses the maintained `low` flag (indexed). */
export function listLevels(db: Executor, q: { productId?: string | undefined; warehouseId?: string | undefined; lowOnly?: boolean; after?: string | undefined; limit: number }) {
  let query = db.selectFrom('stock_levels').selectAll().orderBy('product_id').orderBy('warehouse_id').limit(q.limit + 1);
  if (q.productId !== undefined) query = query.where('product_id', '=', q.productId);
  if (q.warehouseId !== undefined) query = query.where('warehouse_id', '=', q.warehouseId);
  if (q.lowOnly) query = query.where('low', '=', 1);
  if (q.after !== undefined) {
    const [p = '', w = ''] = q.after.split('|');
    query = query.where((eb) => eb.or([eb('product_id', '>', p), eb.and([eb('product_id', '=', p), eb('warehouse_id', '>', w)])]));
  }
  return query.execute();
}

// ---- movements ----
export const insertMovement = (db: Executor, row: StockMovementsTable | readonly StockMovementsTable[]) => insertSoon(db, 'stock_movements', Array.isArray(row) ? row : [row as StockMovementsTable]);

export function listMovements(db: Executor, q: { productId?: string | undefined; warehouseId?: string | undefined; beforeId?: string | undefined; limit: number }) {
  let query = db.selectFrom('stock_movements').selectAll().orderBy('id', 'desc').limit(q.limit + 1);
  if (q.productId !== undefined) query = query.where('product_id', '=', q.productId);
  if (q.warehouseId !== undefined) query = query.where('warehouse_id', '=', q.warehouseId);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return query.execute();
}

// ---- reservations ----
export const insertReservation = (db: Executor, row: StockReservationsTable | readonly StockReservationsTable[]) => insertSoon(db, 'stock_reservations', Array.isArray(row) ? row : [row as StockReservationsTable]);

/** Active reservations of one reference in lock order (product, warehouse, id). */
export const activeReservations = (db: Executor, referenceType: string, referenceId: string) =>
  db
    .selectFrom('stock_reservations')
    .selectAll()
    .where('reference_type', '=', referenceType)
    .where('reference_id', '=', referenceId)
    .where('status', '=', 'active')
    .orderBy('product_id')
    .orderBy('warehouse_id')
    .orderBy('id')
    .execute();

export const reservationsOf = (db: Executor, referenceType: string, referenceId: string) =>
  db.selectFrom('stock_reservations').selectAll().where('reference_type', '=', referenceType).where('reference_id', '=', referenceId).orderBy('id').execute();

type ReservationPatch = Partial<Pick<StockReservationsTable, 'status' | 'quantity' | 'backordered' | 'updated_at'>>;

/** Changes an active reservation; false when another transaction already released or converted it. */
export async function updateActiveReservation(db: Executor, id: string, patch: ReservationPatch): Promise<boolean> {
  const r = await db.updateTable('stock_reservations').set(patch).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Compare-and-set: changes the reservation only if it is still active with the amounts `seen`. */
export async function claimReservation(db: Executor, seen: StockReservationsTable, patch: ReservationPatch): Promise<boolean> {
  const r = await db
    .updateTable('stock_reservations')
    .set(patch)
    .where('id', '=', seen.id)
    .where('status', '=', 'active')
    .where('quantity', '=', seen.quantity)
    .where('backordered', '=', seen.backordered)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
