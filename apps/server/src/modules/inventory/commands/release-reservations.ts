import type { ReleaseResult } from '@ordercare/contracts';
import type { Actor } from '../../../platform/auth/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { Tx } from '../../../platform/db/index.js';
import { ok, type Result } from '../../../platform/result.js';
import { findProductsByIds } from '../../catalog/index.js';
import * as repo from '../inventory.repo.js';
import { appendMovement, refreshLowFlag } from '../ledger.js';
import type { InventoryError } from '../stock.js';

export interface ReleaseRequest {
  referenceType: string;
  referenceId: string;
  reason?: string | undefined;
}

/**
 * Gives back everything still reserved for a reference (an order cancelled, a manual hold
 * lifted): each active reservation becomes `released` and its level's reserved goes down by its
 * units, with a `release` movement. Idempotent: the status change is conditional (`status =
 * 'active'`), so releasing twice, or two releases racing, give the units back once; the second
 * finds nothing and answers an empty list.
 */
export async function releaseReservations(tx: Tx, clock: Clock, actor: Actor, request: ReleaseRequest): Promise<Result<ReleaseResult, InventoryError>> {
  const now = clock.now().toISOString();
  const reference = { type: request.referenceType, id: request.referenceId };
  const rows = await repo.activeReservations(tx, reference.type, reference.id);
  const products = await findProductsByIds(tx, rows.map((r) => r.product_id));
  const released = new Map<string, { sku: string; warehouseId: string; quantity: number; productId: string }>();
  for (const r of rows) {
    if (!(await repo.updateActiveReservation(tx, r.id, { status: 'released', updated_at: now }))) continue;
    const total = r.quantity + r.backordered;
    await repo.unreserve(tx, r.product_id, r.warehouse_id, total, now);
    await appendMovement(tx, { productId: r.product_id, warehouseId: r.warehouse_id, kind: 'release', quantity: 0, reservedDelta: -total, reason: request.reason, reference, actor, at: now });
    const key = `${r.product_id}|${r.warehouse_id}`;
    const sum = released.get(key) ?? { sku: products.get(r.product_id)?.sku ?? r.product_id, warehouseId: r.warehouse_id, quantity: 0, productId: r.product_id };
    sum.quantity += total;
    released.set(key, sum);
  }
  for (const r of released.values()) await refreshLowFlag(tx, now, r.productId, r.warehouseId, r.sku);
  return ok({ referenceType: reference.type, referenceId: reference.id, released: [...released.values()].map(({ sku, warehouseId, quantity }) => ({ sku, warehouseId, quantity })) });
}
