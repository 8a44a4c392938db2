import { err, ok, type Result } from '../../platform/result.js';
import type { ShortLine } from './stock.js';

/** One SKU of a reservation request (its lines summed). */
export interface Demand {
  productId: string;
  sku: string;
  quantity: number;
  allowBackorder: boolean;
  lineIndexes: number[];
}

/** An active warehouse and the available stock (on hand − reserved, may be negative) of the demanded products. */
export interface WarehouseStock {
  warehouseId: string;
  code: string;
  available: ReadonlyMap<string, number>;
}

export interface PlannedAllocation {
  productId: string;
  sku: string;
  warehouseId: string;
  /** From available stock. */
  quantity: number;
  /** Beyond available stock (backorder products only). */
  backordered: number;
}

const free = (w: WarehouseStock, productId: string) => Math.max(0, w.available.get(productId) ?? 0);
const byCode = (a: WarehouseStock, b: WarehouseStock) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * The warehouse choice, pure (see "Catalog and inventory" in docs/ARCHITECTURE.md):
 * 1. one warehouse that can fill every demand completely; among several, the one with the most
 *    available units of the demanded products in total, then the lowest code;
 * 2. otherwise each SKU on its own from the fewest warehouses: largest available first (then
 *    code), which needs the fewest warehouses for that SKU;
 * 3. a backorder product takes what is available and reserves the rest as backordered in the
 *    warehouse that gave it the most, else in a warehouse this request already uses, else in its
 *    first-ranked warehouse. Any other SKU short of stock makes the whole plan fail.
 */
export function planAllocation(demands: readonly Demand[], warehouses: readonly WarehouseStock[]): Result<PlannedAllocation[], ShortLine[]> {
  if (demands.length === 0) return ok([]);

  const whole = warehouses
    .filter((w) => demands.every((d) => free(w, d.productId) >= d.quantity))
    .map((w) => ({ w, total: demands.reduce((sum, d) => sum + free(w, d.productId), 0) }))
    .sort((a, b) => b.total - a.total || byCode(a.w, b.w));
  const single = whole[0]?.w;
  if (single) return ok(demands.map((d) => ({ productId: d.productId, sku: d.sku, warehouseId: single.warehouseId, quantity: d.quantity, backordered: 0 })));

  const plan: PlannedAllocation[] = [];
  const short: ShortLine[] = [];
  for (const d of demands) {
    const ranked = [...warehouses].sort((a, b) => free(b, d.productId) - free(a, d.productId) || byCode(a, b));
    const mine: PlannedAllocation[] = [];
    let remaining = d.quantity;
    for (const w of ranked) {
      if (remaining === 0) break;
      const take = Math.min(free(w, d.productId), remaining);
      if (take === 0) break; // ranked by free stock: the rest have none either
      mine.push({ productId: d.productId, sku: d.sku, warehouseId: w.warehouseId, quantity: take, backordered: 0 });
      remaining -= take;
    }
    if (remaining > 0) {
      const target = mine[0]?.warehouseId ?? plan[0]?.warehouseId ?? ranked[0]?.warehouseId;
      if (!d.allowBackorder || target === undefined) {
        short.push({ sku: d.sku, requested: d.quantity, available: d.quantity - remaining, lineIndexes: d.lineIndexes });
        continue;
      }
      const existing = mine.find((a) => a.warehouseId === target);
      if (existing) existing.backordered = remaining;
      else mine.push({ productId: d.productId, sku: d.sku, warehouseId: target, quantity: 0, backordered: remaining });
    }
    plan.push(...mine);
  }
  return short.length > 0 ? err(short) : ok(plan);
}
