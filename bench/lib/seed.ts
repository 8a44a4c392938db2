/**
 * Sets up a bench database through the app's own commands (in-process runtime, no worker,
 * closed before the server process starts): migrations, an admin API key, a warehouse,
 * products with plenty of stock and customers.
 */
import { CreateCustomerRequest, type CreateProductRequest } from '@ordercare/contracts';
import { createRuntime, type Runtime } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/platform/config.js';
import { SYSTEM_ACTOR } from '../../apps/server/src/platform/auth/index.js';
import { inTransaction } from '../../apps/server/src/platform/db/index.js';
import type { Result } from '../../apps/server/src/platform/result.js';
import { createApiKey } from '../../apps/server/src/modules/identity/index.js';
import { createProduct } from '../../apps/server/src/modules/catalog/index.js';
import { adjustStock, createWarehouse } from '../../apps/server/src/modules/inventory/index.js';
import { bulkInsertCustomers } from '../../apps/server/src/modules/customers/index.js';
import type { BenchDatabase } from './process.js';
import { log } from './stats.js';

function unwrap<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

export interface Seeded {
  token: string;
  skus: string[];
  products: { id: string; sku: string; name: string; unitPrice: number; taxRateBp: number }[];
  customers: { id: string; name: string }[];
}

/** Opens the app's runtime on the bench database (runs the migrations). Close it before `serve` starts. */
export function openRuntime(db: BenchDatabase): Promise<Runtime> {
  const config = loadConfig({ DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, LOG_LEVEL: 'silent', WORKER: 'off' });
  return createRuntime(config, { embeddedWorker: false });
}

export async function seed(rt: Runtime, options: { products: number; customers: number; stock: number }): Promise<Seeded> {
  const { db, clock } = rt.deps;
  const t = Date.now();
  const key = await db.transaction().execute((tx) => createApiKey(tx, clock, SYSTEM_ACTOR, { name: 'bench', role: 'admin' }));
  const wh = unwrap(await inTransaction(db, (tx) => createWarehouse(tx, clock, SYSTEM_ACTOR, { code: 'BENCH', name: 'Bench warehouse' })));
  const products: Seeded['products'] = [];
  for (let i = 0; i < options.products; i++) {
    const sku = `BENCH-${String(i).padStart(4, '0')}`;
    const input: CreateProductRequest = { sku, name: `Bench product ${i}`, unitPrice: 500 + ((i * 37) % 20_000), currency: 'CNY', taxRate: i % 5 === 0 ? 6 : 13, unit: 'pcs', active: true, trackInventory: true, allowBackorder: false, makeToOrder: false };
    const p = unwrap(await inTransaction(db, (tx) => createProduct(tx, clock, SYSTEM_ACTOR, input)));
    unwrap(await inTransaction(db, (tx) => adjustStock(tx, clock, SYSTEM_ACTOR, { sku, warehouseId: wh.id, quantity: options.stock, kind: 'receipt', reason: 'bench stock' })));
    products.push({ id: p.id, sku, name: p.name, unitPrice: p.unitPrice, taxRateBp: Math.round(p.taxRate * 100) });
  }
  const customers: Seeded['customers'] = [];
  for (let from = 0; from < options.customers; from += 2000) {
    const batch = Array.from({ length: Math.min(2000, options.customers - from) }, (_, k) => {
      const i = from + k;
      return CreateCustomerRequest.parse({ kind: 'business', name: `Bench Customer ${String(i).padStart(6, '0')} Ltd`, email: `bench${i}@example.com`, locale: 'en' });
    });
    const ids = unwrap(await bulkInsertCustomers(rt.deps, batch));
    ids.forEach((id, k) => customers.push({ id, name: batch[k]!.name }));
  }
  log(`seeded ${options.products} products (stock ${options.stock.toLocaleString('en')} each), ${options.customers} customers, an admin API key in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return { token: key.token, skus: products.map((p) => p.sku), products, customers };
}

/**
 * Two weeks from today: bench orders are not late when placed. (A fixed date that has passed makes
 * every order's due-date timer fire at once and turns each order into a late order with its own
 * events, which is not the load being measured.)
 */
export const DELIVERY_DATE = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
