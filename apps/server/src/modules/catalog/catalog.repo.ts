import { sql } from 'kysely';
import { runReused, type Executor } from '../../platform/db/index.js';
import type { ProductsTable } from '../../platform/db/schema.js';

export const findById = (db: Executor, id: string) => db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();

export const findBySku = (db: Executor, sku: string) => db.selectFrom('products').selectAll().where('sku', '=', sku).executeTakeFirst();

/** Placement runs this for every order: the text is compiled once per number of SKUs (`runReused`). */
export const findBySkus = async (db: Executor, skus: readonly string[]) =>
  skus.length === 0 ? [] : (await runReused(db, `products.by-skus:${skus.length}`, skus, () => db.selectFrom('products').selectAll().where('sku', 'in', [...skus]))).rows;

/** Every column of `products`, named: SQLite builds JSON objects only from named columns (`productsBySkusColumn`). */
const PRODUCT_COLUMNS = ['id', 'sku', 'name', 'name_zh', 'model', 'specification', 'specification_zh', 'search_text', 'unit_price', 'currency', 'tax_rate_bp', 'unit', 'active', 'track_inventory', 'allow_backorder', 'make_to_order', 'version', 'created_at', 'updated_at'] as const satisfies readonly (keyof ProductsTable)[];
// A column added to ProductsTable and not to the list above fails to compile here.
const everyProductColumn: Exclude<keyof ProductsTable, (typeof PRODUCT_COLUMNS)[number]> extends never ? true : never = true;
void everyProductColumn;

/** The products with these SKUs, as a subquery whose rows `productsBySkusColumn` turns into one JSON column. */
export const bySkusQuery = (db: Executor, skus: readonly string[]) => db.selectFrom('products').select(PRODUCT_COLUMNS).where('sku', 'in', [...skus]);

export const findByIds = (db: Executor, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('products').selectAll().where('id', 'in', [...ids]).execute();

/** Inserts unless the SKU exists; returns whether it inserted (no exception, so the transaction stays usable). */
export async function insertProduct(db: Executor, row: ProductsTable): Promise<boolean> {
  const inserted = await db.insertInto('products').values(row).onConflict((oc) => oc.column('sku').doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

/** Writes the new row only if the stored version is still `expectedVersion`; returns whether it did. */
export async function updateProductIfVersion(db: Executor, row: ProductsTable, expectedVersion: number): Promise<boolean> {
  const { id, created_at: _c, ...patch } = row;
  const r = await db.updateTable('products').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const countProducts = async (db: Executor) =>
  Number((await db.selectFrom('products').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Products by SKU order, each word of `words` a substring of search_text; `afterSku` is the cursor. */
export function listProducts(db: Executor, q: { words: string[]; sku?: string | undefined; active?: boolean | undefined; afterSku?: string | undefined; limit: number }) {
  let query = db.selectFrom('products').selectAll().orderBy('sku').limit(q.limit + 1);
  for (const w of q.words) query = query.where(sql<boolean>`search_text like ${`%${likeEscape(w)}%`} escape '\\'`);
  if (q.sku !== undefined) query = query.where('sku', '=', q.sku);
  if (q.active !== undefined) query = query.where('active', '=', q.active ? 1 : 0);
  if (q.afterSku !== undefined) query = query.where('sku', '>', q.afterSku);
  return query.execute();
}
