import type { StockLevel } from '@ordercare/contracts';
import type { Actor } from '../../../platform/auth/index.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Clock } from '../../../platform/clock.js';
import type { Executor } from '../../../platform/db/index.js';
import { ok, type Result } from '../../../platform/result.js';
import * as repo from '../inventory.repo.js';
import { refreshLowFlag } from '../ledger.js';
import { toStockLevel, type InventoryError } from '../stock.js';
import { trackedProductAndWarehouse } from './resolve.js';

export interface Thresholds {
  sku: string;
  warehouseId: string;
  safetyStock: number;
  reorderPoint: number;
}

/**
 * Sets safety stock and reorder point of one SKU in one warehouse (creating the level at zero if
 * needed). A reorder point at or above the available stock makes the level low at once, which
 * emits `inventory.low_stock` like any other crossing.
 */
export async function setThresholds(tx: Executor, clock: Clock, actor: Actor, input: Thresholds, requestId?: string): Promise<Result<StockLevel, InventoryError>> {
  const now = clock.now().toISOString();
  const found = await trackedProductAndWarehouse(tx, input.sku, input.warehouseId);
  if (!found.ok) return found;
  const { product, warehouse } = found.value;
  await repo.ensureLevel(tx, product.id, warehouse.id, now);
  const before = await repo.findLevel(tx, product.id, warehouse.id);
  await repo.setThresholds(tx, product.id, warehouse.id, input.safetyStock, input.reorderPoint, now);
  const after = await refreshLowFlag(tx, now, product.id, warehouse.id, product.sku);
  await recordAudit(tx, {
    actor,
    action: 'inventory.thresholds_set',
    entityType: 'stock_level',
    entityId: `${product.id}/${warehouse.id}`,
    before: { safetyStock: before?.safety_stock, reorderPoint: before?.reorder_point },
    after: { safetyStock: after.safety_stock, reorderPoint: after.reorder_point },
    at: now,
    requestId,
  });
  return ok(toStockLevel(after, product, warehouse));
}
