import type { Deps } from '../../deps.js';
import { SYSTEM_ACTOR } from '../../platform/auth/index.js';
import { inTransaction, type Tx } from '../../platform/db/index.js';
import { err, ok, type Result } from '../../platform/result.js';
import { catalogIsEmpty, createProduct, demoProducts } from '../catalog/index.js';
import { adjustStock } from './commands/adjust-stock.js';
import { createWarehouse } from './commands/create-warehouse.js';
import { setThresholds } from './commands/set-thresholds.js';

const WAREHOUSES = [
  { code: 'SH-01', name: '上海仓 Shanghai', address: '上海市浦东新区金桥路 1388 号 (1388 Jinqiao Road, Pudong, Shanghai)' },
  { code: 'GZ-01', name: '广州仓 Guangzhou', address: '广州市黄埔区开创大道 2001 号 (2001 Kaichuang Avenue, Huangpu, Guangzhou)' },
  { code: 'LON', name: 'London', address: 'Unit 4, Thames Gateway Park, London RM9 6SL' },
] as const;

/** Items that start at or below their reorder point, so the low-stock list has something to show. */
const LOW = new Set(['22423', '21754', '48138', 'BRG-6204-2RS', 'FLT-HX-160']);

interface Stock {
  sku: string;
  warehouse: (typeof WAREHOUSES)[number]['code'];
  onHand: number;
  safetyStock: number;
  reorderPoint: number;
}

/** Opening stock: GBP goods in London, CNY goods split over Shanghai and Guangzhou; deterministic. */
function openingStock(): Stock[] {
  const out: Stock[] = [];
  demoProducts().forEach((p, i) => {
    if (!p.trackInventory) return;
    const reorderPoint = p.currency === 'GBP' ? 24 : 40;
    const safetyStock = reorderPoint / 2;
    const onHand = LOW.has(p.sku) ? Math.round(reorderPoint * 0.75) : 60 + ((i * 137) % 440);
    if (p.currency === 'GBP') out.push({ sku: p.sku, warehouse: 'LON', onHand, safetyStock, reorderPoint });
    else {
      out.push({ sku: p.sku, warehouse: 'SH-01', onHand, safetyStock, reorderPoint });
      if (i % 2 === 0) out.push({ sku: p.sku, warehouse: 'GZ-01', onHand: Math.round(onHand / 3) + 45, safetyStock, reorderPoint });
    }
  });
  return out;
}

/**
 * Demo catalog and stock, only when the catalog is empty: 40 best sellers of the Online Retail II
 * data (GBP), 10 industrial products with Chinese names (CNY), warehouses SH-01, GZ-01 and LON,
 * opening receipts, thresholds, and five levels below their reorder point. One transaction, so a
 * second process seeding at the same moment changes nothing. Returns whether it seeded.
 */
export async function seedDemoCatalog(deps: Deps): Promise<boolean> {
  if (!(await catalogIsEmpty(deps.db))) return false;
  const result = await inTransaction(deps.db, (tx) => seed(tx, deps));
  return result.ok;
}

async function seed(tx: Tx, deps: Deps): Promise<Result<true, string>> {
  const actor = SYSTEM_ACTOR;
  for (const p of demoProducts()) {
    const r = await createProduct(tx, deps.clock, actor, p);
    if (!r.ok) return err(r.error.code); // another process seeded first
  }
  const warehouseIds = new Map<string, string>();
  for (const w of WAREHOUSES) {
    const r = await createWarehouse(tx, deps.clock, actor, w);
    if (!r.ok) return err(r.error.code);
    warehouseIds.set(w.code, r.value.id);
  }
  for (const s of openingStock()) {
    const warehouseId = warehouseIds.get(s.warehouse)!;
    const received = await adjustStock(tx, deps.clock, actor, { sku: s.sku, warehouseId, quantity: s.onHand, kind: 'receipt', reason: 'Opening stock (demo data)' });
    if (!received.ok) throw new Error(`demo receipt of ${s.sku} failed: ${received.error.code}`);
    const set = await setThresholds(tx, deps.clock, actor, { sku: s.sku, warehouseId, safetyStock: s.safetyStock, reorderPoint: s.reorderPoint });
    if (!set.ok) throw new Error(`demo thresholds of ${s.sku} failed: ${set.error.code}`);
  }
  return ok(true);
}
