import type { Product } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import type { DialectOps, Executor } from '../../platform/db/index.js';
import type { ProductsTable } from '../../platform/db/schema.js';
import type { App } from '../../platform/http/index.js';
import type { OutboxHandler } from '../../platform/outbox/index.js';
import { registerCatalogRoutes as register } from './catalog.routes.js';
import * as repo from './catalog.repo.js';
import { toProduct } from './product.js';

export { createProduct } from './commands/create-product.js';
export { editProduct, updateProduct } from './commands/update-product.js';
export { demoProducts } from './demo-products.js';
export type { CatalogError } from './product.js';

export function registerCatalogRoutes(app: App, deps: Deps): void {
  register(app, deps);
}

export function catalogHandlers(_deps: Deps): OutboxHandler[] {
  return [];
}

/** The product with exactly this SKU (SKUs are case-sensitive). */
export async function findProductBySku(db: Executor, sku: string): Promise<Product | undefined> {
  const row = await repo.findBySku(db, sku);
  return row && toProduct(row);
}

/** Products by SKU; SKUs that do not exist are simply absent from the map. */
export async function findProductsBySkus(db: Executor, skus: readonly string[]): Promise<Map<string, Product>> {
  const rows = await repo.findBySkus(db, [...new Set(skus)]);
  return new Map(rows.map((r) => [r.sku, toProduct(r)]));
}

/**
 * Products by SKU as one JSON column of the caller's statement, for reads that share a round trip
 * (order placement); `productsFromColumn` makes the map `findProductsBySkus` returns.
 */
export const productsBySkusColumn = (db: Executor, ops: DialectOps, skus: readonly string[]) => ops.jsonRows(repo.bySkusQuery(db, [...new Set(skus)]));

export const productsFromColumn = (ops: DialectOps, column: unknown): Map<string, Product> => new Map(ops.rowsOf<ProductsTable>(column).map((r) => [r.sku, toProduct(r)]));

export async function findProductById(db: Executor, id: string): Promise<Product | undefined> {
  const row = await repo.findById(db, id);
  return row && toProduct(row);
}

export async function findProductsByIds(db: Executor, ids: readonly string[]): Promise<Map<string, Product>> {
  const rows = await repo.findByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, toProduct(r)]));
}

/** Whether the catalog has any product (the demo seed runs only on an empty one). */
export async function catalogIsEmpty(db: Executor): Promise<boolean> {
  return (await repo.countProducts(db)) === 0;
}
