import type { AdjustmentRequest, StockLevel } from '@ordercare/contracts';
import type { Actor } from '../../../platform/auth/index.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Clock } from '../../../platform/clock.js';
import type { Executor } from '../../../platform/db/index.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import * as repo from '../inventory.repo.js';
import { appendMovement, refreshLowFlag } from '../ledger.js';
import { availableOf, toStockLevel, type InventoryError } from '../stock.js';
import { trackedProductAndWarehouse } from './resolve.js';

export interface Adjustment extends AdjustmentRequest {
  /** What caused it, e.g. `{ type: 'return', id: 'rma_…' }` for a restock. */
  reference?: { type: string; id: string } | undefined;
}

/**
 * Receipt, correction or restock of one SKU in one warehouse: on hand changes by the signed
 * `quantity`, and a movement records it, in the caller's transaction. The change is one guarded
 * UPDATE: it does not happen when on hand would go below zero, or below what is reserved (unless
 * the product may be backordered); that is `insufficient_on_hand` and nothing is written.
 */
export async function adjustStock(tx: Executor, clock: Clock, actor: Actor, input: Adjustment, requestId?: string): Promise<Result<StockLevel, InventoryError>> {
  const now = clock.now().toISOString();
  if (!Number.isSafeInteger(input.quantity) || input.quantity === 0) return err({ code: 'invalid_quantity', message: 'must be a whole number other than 0' });
  if ((input.kind === 'receipt' || input.kind === 'return') && input.quantity < 0) {
    return err({ code: 'invalid_quantity', message: `a ${input.kind} adds stock: it must be positive (use kind "adjustment" to remove stock)` });
  }
  const found = await trackedProductAndWarehouse(tx, input.sku, input.warehouseId);
  if (!found.ok) return found;
  const { product, warehouse } = found.value;

  await repo.ensureLevel(tx, product.id, warehouse.id, now);
  const changed = await repo.addOnHand(tx, product.id, warehouse.id, input.quantity, product.allowBackorder, now);
  if (!changed) {
    const level = await repo.findLevel(tx, product.id, warehouse.id);
    return err({
      code: 'insufficient_on_hand',
      operation: 'adjust',
      sku: product.sku,
      warehouseCode: warehouse.code,
      requested: -input.quantity,
      onHand: level?.on_hand ?? 0,
      reserved: level?.reserved ?? 0,
      allowBackorder: product.allowBackorder,
    });
  }
  const movementId = await appendMovement(tx, {
    productId: product.id,
    warehouseId: warehouse.id,
    kind: input.kind,
    quantity: input.quantity,
    reservedDelta: 0,
    reason: input.reason,
    reference: input.reference,
    actor,
    at: now,
  });
  const after = await refreshLowFlag(tx, now, product.id, warehouse.id, product.sku);
  await recordAudit(tx, {
    actor,
    action: 'inventory.adjusted',
    entityType: 'stock_level',
    entityId: `${product.id}/${warehouse.id}`,
    before: { onHand: after.on_hand - input.quantity },
    after: { onHand: after.on_hand, kind: input.kind, reason: input.reason },
    at: now,
    requestId,
  });
  await emitEvent(tx, now, {
    type: 'inventory.adjusted',
    aggregateType: 'product',
    aggregateId: product.id,
    payload: { movementId, sku: product.sku, productId: product.id, warehouseId: warehouse.id, kind: input.kind, quantity: input.quantity, reason: input.reason, onHand: after.on_hand, reserved: after.reserved, available: availableOf(after) },
  });
  return ok(toStockLevel(after, product, warehouse));
}
