import { sql } from 'kysely';
import type { Product, Reservation } from '@ordercare/contracts';
import type { Actor } from '../../../platform/auth/index.js';
import type { Clock } from '../../../platform/clock.js';
import { RunAgain, transactionRun, type Tx } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { findProductsBySkus } from '../../catalog/index.js';
import { planAllocation, type Demand, type PlannedAllocation, type WarehouseStock } from '../allocation.js';
import type { StockLevelsTable } from '../../../platform/db/schema.js';
import * as repo from '../inventory.repo.js';
import { appendMovement, refreshLowFlag } from '../ledger.js';
import { availableOf, groupLines, type InventoryError, type ShortLine } from '../stock.js';

export interface ReserveRequest {
  referenceType: string;
  referenceId: string;
  lines: readonly { sku: string; quantity: number }[];
  /** The products of the lines by SKU when the caller has already read them (saves reading them again). */
  products?: ReadonlyMap<string, Product>;
  /**
   * The active warehouses' levels of those products when the caller has already read them in the
   * same transaction (`activeLevelsColumn`): the first plan uses them instead of reading again.
   */
  levels?: readonly repo.ActiveLevelRow[];
}

/** A plan is tried this often; a guard fails only when a concurrent transaction took the stock. */
const ATTEMPTS = 2;

/**
 * Reserves every line of `request` or nothing, in the caller's transaction (`err` means the
 * caller must roll back; `inTransaction` and `deps.idempotency.run` do). Lines sharing a SKU are
 * summed. Products without stock tracking are skipped. Warehouses are chosen by
 * `planAllocation`; the allocations are then applied by one guarded UPDATE that changes a level
 * only while its stock is still available, so no interleaving of transactions or processes can
 * reserve more than is available. When a guard fails, the attempt is undone and the plan is made
 * again from fresh stock figures: in the first run of `inTransaction` the whole transaction starts
 * over; otherwise the attempt rolls back to its savepoint and is made once more, and a second
 * failure is `insufficient_stock`.
 * Calling it again for the same reference adds to its reservations.
 */
export async function reserveStock(tx: Tx, clock: Clock, actor: Actor, request: ReserveRequest): Promise<Result<Reservation, InventoryError>> {
  const now = clock.now().toISOString();
  const reference = { type: request.referenceType, id: request.referenceId };
  const bad = request.lines.findIndex((l) => !Number.isSafeInteger(l.quantity) || l.quantity < 1);
  if (bad >= 0) return err({ code: 'invalid_quantity', message: 'must be a whole number of at least 1', lineIndex: bad });

  const groups = groupLines(request.lines);
  const products = request.products && groups.every((g) => request.products!.has(g.sku)) ? request.products : await findProductsBySkus(tx, groups.map((g) => g.sku));
  const unknown = groups.filter((g) => !products.has(g.sku));
  if (unknown.length > 0) return err({ code: 'unknown_sku', lines: unknown.map((g) => ({ sku: g.sku, lineIndexes: g.lineIndexes })) });
  const demands: Demand[] = groups.flatMap((g) => {
    const p = products.get(g.sku)!;
    return p.trackInventory ? [{ productId: p.id, sku: p.sku, quantity: g.quantity, allowBackorder: p.allowBackorder, lineIndexes: g.lineIndexes }] : [];
  });
  const done = (allocations: PlannedAllocation[]) =>
    ok({ referenceType: reference.type, referenceId: reference.id, allocations: allocations.map((a) => ({ sku: a.sku, warehouseId: a.warehouseId, quantity: a.quantity, backordered: a.backordered })) });
  if (demands.length === 0) return done([]);

  let contested: PlannedAllocation | undefined;
  // Inside the first run of `inTransaction`, a first plan that loses a guard starts the whole
  // transaction over (`RunAgain`) instead of rolling back to a savepoint taken before it: the
  // savepoint would cost every order a round trip on PostgreSQL, for a race that is rare. The
  // run after it plans from fresh figures and keeps the savepoint for its second attempt.
  const restartable = transactionRun(tx) === 1;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const plan = planAllocation(demands, await stockOf(tx, demands, attempt === 1 ? request.levels : undefined));
    if (!plan.ok) return err({ code: 'insufficient_stock', lines: plan.error });
    // A plan of several allocations runs after a savepoint (unless the transaction can start
    // over): rolling back to it undoes a lost attempt's increments and, on PostgreSQL, drops
    // their row locks, so the next attempt again locks in ascending order only. It is not
    // released (a round trip on PostgreSQL): the transaction's end does that. One allocation
    // needs none: its guarded update either happened or changed and locked nothing.
    const startOver = restartable && attempt === 1;
    const partial = plan.value.length > 1 && !startOver;
    if (partial) await sql`savepoint reserve_stock`.execute(tx);
    const applied = await applyAll(tx, plan.value, now);
    contested = applied.contested;
    if (contested && startOver) throw new RunAgain(`the stock of ${contested.sku} was taken by a concurrent transaction`);
    if (partial && contested) await sql`rollback to savepoint reserve_stock`.execute(tx);
    if (contested) continue;
    // One multi-row insert each for the ledger and the reservations (round trips matter on PostgreSQL).
    await appendMovement(
      tx,
      plan.value.map((a) => ({ productId: a.productId, warehouseId: a.warehouseId, kind: 'reservation' as const, quantity: 0, reservedDelta: a.quantity + a.backordered, reason: a.backordered > 0 ? `${a.backordered} backordered` : null, reference, actor, at: now })),
    );
    await repo.insertReservation(
      tx,
      plan.value.map((a) => ({
        id: newId('rsv'),
        reference_type: reference.type,
        reference_id: reference.id,
        product_id: a.productId,
        warehouse_id: a.warehouseId,
        quantity: a.quantity,
        backordered: a.backordered,
        status: 'active',
        created_at: now,
        updated_at: now,
      })),
    );
    for (const a of plan.value) await refreshLowFlag(tx, now, a.productId, a.warehouseId, a.sku, applied.levels.get(`${a.productId}:${a.warehouseId}`));
    return done(plan.value);
  }
  return err({ code: 'insufficient_stock', lines: await shortfall(tx, demands, contested) });
}

/** Available stock of the demanded products in every active warehouse, read without locks (or as `known`). */
async function stockOf(tx: Tx, demands: readonly Demand[], known?: readonly repo.ActiveLevelRow[]): Promise<WarehouseStock[]> {
  const stock = new Map<string, { warehouseId: string; code: string; available: Map<string, number> }>();
  for (const row of known ?? (await repo.activeWarehouseLevels(tx, demands.map((d) => d.productId)))) {
    let w = stock.get(row.warehouse_id);
    if (!w) stock.set(row.warehouse_id, (w = { warehouseId: row.warehouse_id, code: row.code, available: new Map() }));
    if (row.product_id !== null && row.on_hand !== null && row.reserved !== null) w.available.set(row.product_id, availableOf({ on_hand: row.on_hand, reserved: row.reserved }));
  }
  return [...stock.values()];
}

/**
 * Applies the plan's guarded updates in one statement, in (product, warehouse) order, the same
 * order in every transaction, so two reservations never wait for each other in a cycle. Returns
 * the allocation whose guard lost to a concurrent transaction (the caller rolls back to its
 * savepoint and plans again), else the levels after the changes.
 */
async function applyAll(tx: Tx, plan: readonly PlannedAllocation[], now: string): Promise<{ contested?: PlannedAllocation; levels: Map<string, StockLevelsTable> }> {
  const key = (a: { productId: string; warehouseId: string }) => `${a.productId}:${a.warehouseId}`;
  const ordered = [...plan].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  for (const a of ordered) if (a.quantity === 0) await repo.ensureLevel(tx, a.productId, a.warehouseId, now); // all backordered: the level may not exist yet
  const wanted = ordered.map((a) => ({ productId: a.productId, warehouseId: a.warehouseId, fromStock: a.quantity, total: a.quantity + a.backordered }));
  // Two allocations never share a level (one per product and warehouse), so these are the levels after the whole plan.
  const levels = new Map((await repo.reserveGuardedAll(tx, wanted, now)).map((l) => [`${l.product_id}:${l.warehouse_id}`, l]));
  const contested = ordered.find((a) => !levels.has(key(a)));
  return contested ? { contested, levels: new Map() } : { levels };
}

/** What to report after the last attempt lost its race: the SKUs now short, else the contested one. */
async function shortfall(tx: Tx, demands: readonly Demand[], contested: PlannedAllocation | undefined): Promise<ShortLine[]> {
  const stock = await stockOf(tx, demands);
  const plan = planAllocation(demands, stock);
  if (!plan.ok) return plan.error;
  const d = demands.find((x) => x.productId === contested?.productId) ?? demands[0]!;
  const available = stock.reduce((sum, w) => sum + Math.max(0, w.available.get(d.productId) ?? 0), 0);
  return [{ sku: d.sku, requested: d.quantity, available, lineIndexes: d.lineIndexes }];
}
