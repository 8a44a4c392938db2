import type { Product } from '@ordercare/contracts';
import type { Executor } from '../../../platform/db/index.js';
import type { WarehousesTable } from '../../../platform/db/schema.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { findProductBySku } from '../../catalog/index.js';
import * as repo from '../inventory.repo.js';
import type { InventoryError } from '../stock.js';

/** The product of `sku` (stock-tracked) and the warehouse, or the error naming which is wrong. */
export async function trackedProductAndWarehouse(tx: Executor, sku: string, warehouseId: string): Promise<Result<{ product: Product; warehouse: WarehousesTable }, InventoryError>> {
  const product = await findProductBySku(tx, sku);
  if (!product) return err({ code: 'unknown_sku', lines: [{ sku, lineIndexes: [] }] });
  const warehouse = await repo.findWarehouse(tx, warehouseId);
  if (!warehouse) return err({ code: 'unknown_warehouse', warehouseId });
  if (!product.trackInventory) return err({ code: 'not_tracked', sku });
  return ok({ product, warehouse });
}
