import type { Actor } from '../../../platform/auth/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { Tx } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { findProductsByIds, findProductsBySkus } from '../../catalog/index.js';
import * as repo from '../inventory.repo.js';
import { appendMovement, refreshLowFlag } from '../ledger.js';
import { groupLines, type InventoryError } from '../stock.js';
import type { StockReservationsTable } from '../../../platform/db/schema.js';

export interface ShipmentRequest {
  referenceType: string;
  referenceId: string;
  /** What leaves; default: everything still reserved for the reference (in `warehouseId` if given). */
  lines?: readonly { sku: string; quantity: number }[] | undefined;
  /** Ship only from this warehouse's reservations. */
  warehouseId?: string | undefined;
  /** Recorded in the movements' reason, e.g. the shipment id. */
  reason?: string | undefined;
}

export interface ShippedAllocation {
  sku: string;
  warehouseId: string;
  quantity: number;
}

/**
 * Turns reserved stock into shipped stock: for each unit, on_hand − 1 and reserved − 1, with a
 * `shipment` movement (quantity −q, reserved_delta −q) referencing the reservation's reference.
 * Reservations are consumed oldest first; a partly shipped one keeps the rest active and the
 * shipped part becomes a `converted` row. Asking for more than is reserved is `not_reserved`;
 * backordered units that are not on hand yet cannot ship (`insufficient_on_hand`). All or nothing,
 * in the caller's transaction. Lines of products without stock tracking are ignored (they were
 * never reserved).
 */
export async function convertReservationsToShipment(tx: Tx, clock: Clock, actor: Actor, request: ShipmentRequest): Promise<Result<{ shipped: ShippedAllocation[] }, InventoryError>> {
  const now = clock.now().toISOString();
  const reference = { type: request.referenceType, id: request.referenceId };
  const rows = (await repo.activeReservations(tx, reference.type, reference.id)).filter((r) => !request.warehouseId || r.warehouse_id === request.warehouseId);
  const products = await findProductsByIds(tx, rows.map((r) => r.product_id));
  const skuOf = (r: StockReservationsTable) => products.get(r.product_id)?.sku ?? r.product_id;
  const totalOf = (r: StockReservationsTable) => r.quantity + r.backordered;

  const untracked = request.lines ? [...(await findProductsBySkus(tx, request.lines.map((l) => l.sku))).values()].filter((p) => !p.trackInventory).map((p) => p.sku) : [];
  const wanted = groupLines(request.lines ? request.lines.filter((l) => !untracked.includes(l.sku)) : rows.map((r) => ({ sku: skuOf(r), quantity: totalOf(r) })));
  const missing = wanted
    .map((w) => ({ sku: w.sku, requested: w.quantity, reserved: rows.filter((r) => skuOf(r) === w.sku).reduce((s, r) => s + totalOf(r), 0) }))
    .filter((m) => m.requested > m.reserved || m.requested < 1 || !Number.isSafeInteger(m.requested));
  if (missing.length > 0) return err({ code: 'not_reserved', lines: missing });

  // Which reservation gives how much: oldest first per SKU; then applied in (product, warehouse)
  // order like every other multi-level change, so concurrent transactions never deadlock.
  const takes: { r: StockReservationsTable; sku: string; take: number }[] = [];
  for (const w of wanted) {
    let remaining = w.quantity;
    for (const r of rows.filter((x) => skuOf(x) === w.sku).sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const take = Math.min(remaining, totalOf(r));
      if (take > 0) takes.push({ r, sku: w.sku, take });
      remaining -= take;
    }
  }
  takes.sort((a, b) => (a.r.product_id + a.r.warehouse_id + a.r.id < b.r.product_id + b.r.warehouse_id + b.r.id ? -1 : 1));

  const shipped = new Map<string, ShippedAllocation & { productId: string }>();
  for (const { r, sku, take } of takes) {
    // Claim the units first, compare-and-set on what we read: a concurrent release or shipment of
    // the same reservation makes this fail instead of shipping the same units twice.
    const fromStock = Math.min(take, r.quantity);
    const rest = { quantity: r.quantity - fromStock, backordered: r.backordered - (take - fromStock) };
    const claimed = await repo.claimReservation(tx, r, take === totalOf(r) ? { status: 'converted', updated_at: now } : { ...rest, updated_at: now });
    if (!claimed) return err({ code: 'not_reserved', lines: [{ sku, requested: take, reserved: 0 }] });
    if (take < totalOf(r)) await repo.insertReservation(tx, { ...r, id: newId('rsv'), quantity: fromStock, backordered: take - fromStock, status: 'converted', created_at: now, updated_at: now });
    if (!(await repo.shipGuarded(tx, r.product_id, r.warehouse_id, take, now))) {
      const level = await repo.findLevel(tx, r.product_id, r.warehouse_id);
      const warehouse = await repo.findWarehouse(tx, r.warehouse_id);
      return err({ code: 'insufficient_on_hand', operation: 'ship', sku, warehouseCode: warehouse?.code ?? r.warehouse_id, requested: take, onHand: level?.on_hand ?? 0, reserved: level?.reserved ?? 0, allowBackorder: true });
    }
    await appendMovement(tx, { productId: r.product_id, warehouseId: r.warehouse_id, kind: 'shipment', quantity: -take, reservedDelta: -take, reason: request.reason, reference, actor, at: now });
    const key = `${r.product_id}|${r.warehouse_id}`;
    const sum = shipped.get(key) ?? { sku, warehouseId: r.warehouse_id, quantity: 0, productId: r.product_id };
    sum.quantity += take;
    shipped.set(key, sum);
  }
  for (const s of shipped.values()) await refreshLowFlag(tx, now, s.productId, s.warehouseId, s.sku);
  return ok({ shipped: [...shipped.values()].map(({ sku, warehouseId, quantity }) => ({ sku, warehouseId, quantity })) });
}
