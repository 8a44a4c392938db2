import type { StockLevel, Warehouse } from '@ordercare/contracts';
import type { StockLevelsTable, WarehousesTable } from '../../platform/db/schema.js';

/** A SKU the request asked for too much of: `lineIndexes` are the request lines that carry it. */
export interface ShortLine {
  sku: string;
  requested: number;
  available: number;
  lineIndexes: number[];
}

export type InventoryError =
  | { code: 'unknown_sku'; lines: { sku: string; lineIndexes: number[] }[] }
  | { code: 'unknown_warehouse'; warehouseId: string }
  | { code: 'not_tracked'; sku: string }
  | { code: 'invalid_quantity'; message: string; lineIndex?: number }
  | { code: 'insufficient_stock'; lines: ShortLine[] }
  | { code: 'insufficient_on_hand'; operation: 'adjust' | 'ship'; sku: string; warehouseCode: string; requested: number; onHand: number; reserved: number; allowBackorder: boolean }
  | { code: 'not_reserved'; lines: { sku: string; requested: number; reserved: number }[] }
  | { code: 'duplicate_warehouse_code'; warehouseCode: string; existingId: string };

export const availableOf = (l: Pick<StockLevelsTable, 'on_hand' | 'reserved'>): number => l.on_hand - l.reserved;

/** Time to replenish: a reorder point is set and available stock is at or below it. */
export const isLow = (l: Pick<StockLevelsTable, 'on_hand' | 'reserved' | 'reorder_point'>): boolean => l.reorder_point > 0 && availableOf(l) <= l.reorder_point;

/** Sales should be warned: available stock is below the safety stock. */
export const isBelowSafety = (l: Pick<StockLevelsTable, 'on_hand' | 'reserved' | 'safety_stock'>): boolean => availableOf(l) < l.safety_stock;

export function emptyLevel(productId: string, warehouseId: string, now: string): StockLevelsTable {
  return { product_id: productId, warehouse_id: warehouseId, on_hand: 0, reserved: 0, safety_stock: 0, reorder_point: 0, low: 0, updated_at: now };
}

export function toStockLevel(l: StockLevelsTable, product: { sku: string; name: string; nameZh?: string | null }, warehouse: { code: string }): StockLevel {
  return {
    sku: product.sku,
    productId: l.product_id,
    productName: product.name,
    productNameZh: product.nameZh ?? null,
    warehouseId: l.warehouse_id,
    warehouseCode: warehouse.code,
    onHand: l.on_hand,
    reserved: l.reserved,
    available: availableOf(l),
    safetyStock: l.safety_stock,
    reorderPoint: l.reorder_point,
    belowSafetyStock: isBelowSafety(l),
    belowReorderPoint: isLow(l),
    updatedAt: l.updated_at,
  };
}

export function toWarehouse(w: WarehousesTable): Warehouse {
  return { id: w.id, code: w.code, name: w.name, address: w.address, active: w.active === 1, createdAt: w.created_at };
}

/** Lines of a request grouped by SKU (lines that share a SKU are checked together), in first-seen order. */
export function groupLines(lines: readonly { sku: string; quantity: number }[]): { sku: string; quantity: number; lineIndexes: number[] }[] {
  const bySku = new Map<string, { sku: string; quantity: number; lineIndexes: number[] }>();
  lines.forEach((line, i) => {
    const g = bySku.get(line.sku) ?? { sku: line.sku, quantity: 0, lineIndexes: [] };
    g.quantity += line.quantity;
    g.lineIndexes.push(i);
    bySku.set(line.sku, g);
  });
  return [...bySku.values()];
}
