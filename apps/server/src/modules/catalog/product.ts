import type { CreateProductRequest, Product, UpdateProductRequest } from '@ordercare/contracts';
import type { ProductsTable } from '../../platform/db/schema.js';

export type CatalogError =
  | { code: 'duplicate_sku'; sku: string; existingId: string }
  | { code: 'not_found'; id: string }
  | { code: 'if_match_required' }
  | { code: 'invalid_if_match'; value: string }
  | { code: 'version_conflict'; id: string; expected: number; current: number };

/** Percent with two decimals (13.5) ↔ basis points (1350), so the database holds integers only. */
export const percentToBp = (percent: number): number => Math.round(percent * 100);
export const bpToPercent = (bp: number): number => bp / 100;

/**
 * What `q` searches: the SKU, both names and the model, lower-cased and separated by single
 * spaces. A query matches when every word of it occurs in this text (Chinese names have no
 * spaces, so words match as substrings).
 */
export function searchTextOf(p: Pick<ProductsTable, 'sku' | 'name' | 'name_zh' | 'model'>): string {
  return [p.sku, p.name, p.name_zh, p.model]
    .filter((v): v is string => !!v)
    .join(' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a search query, lower-cased, at most 8. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
}

export function toProduct(r: ProductsTable): Product {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    nameZh: r.name_zh,
    model: r.model,
    specification: r.specification,
    specificationZh: r.specification_zh,
    unitPrice: r.unit_price,
    currency: r.currency,
    taxRate: bpToPercent(r.tax_rate_bp),
    unit: r.unit,
    active: r.active === 1,
    trackInventory: r.track_inventory === 1,
    allowBackorder: r.allow_backorder === 1,
    makeToOrder: r.make_to_order === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A new row from a validated create request. */
export function newProductRow(id: string, input: CreateProductRequest, now: string): ProductsTable {
  const row: Omit<ProductsTable, 'search_text'> = {
    id,
    sku: input.sku,
    name: input.name,
    name_zh: input.nameZh ?? null,
    model: input.model ?? null,
    specification: input.specification ?? null,
    specification_zh: input.specificationZh ?? null,
    unit_price: input.unitPrice,
    currency: input.currency,
    tax_rate_bp: percentToBp(input.taxRate),
    unit: input.unit,
    active: input.active ? 1 : 0,
    track_inventory: input.trackInventory ? 1 : 0,
    allow_backorder: input.allowBackorder ? 1 : 0,
    make_to_order: input.makeToOrder ? 1 : 0,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  return { ...row, search_text: searchTextOf(row) };
}

/**
 * Applies a PATCH: only the fields present change; `null` clears an optional text. Returns the
 * row unchanged (same version) when nothing differs, else with version + 1.
 */
export function applyProductPatch(before: ProductsTable, patch: UpdateProductRequest, now: string): ProductsTable {
  const next: ProductsTable = { ...before };
  const set = <K extends keyof ProductsTable>(key: K, value: ProductsTable[K] | undefined) => {
    if (value !== undefined) next[key] = value;
  };
  const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
  const text = (v: string | null | undefined) => (v === undefined ? undefined : v || null);
  set('sku', patch.sku);
  set('name', patch.name);
  set('name_zh', text(patch.nameZh));
  set('model', text(patch.model));
  set('specification', text(patch.specification));
  set('specification_zh', text(patch.specificationZh));
  set('unit_price', patch.unitPrice);
  set('currency', patch.currency);
  set('tax_rate_bp', patch.taxRate === undefined ? undefined : percentToBp(patch.taxRate));
  set('unit', patch.unit);
  set('active', flag(patch.active));
  set('track_inventory', flag(patch.trackInventory));
  set('allow_backorder', flag(patch.allowBackorder));
  set('make_to_order', flag(patch.makeToOrder));
  next.search_text = searchTextOf(next);
  const changed = (Object.keys(next) as (keyof ProductsTable)[]).some((k) => next[k] !== before[k]);
  return changed ? { ...next, version: before.version + 1, updated_at: now } : before;
}

/** Parses `If-Match: "3"` (also `W/"3"` and a bare `3`). */
export function parseIfMatch(header: string | undefined): { ok: true; version: number } | { ok: false; error: CatalogError } {
  if (header === undefined || header.trim() === '') return { ok: false, error: { code: 'if_match_required' } };
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) return { ok: false, error: { code: 'invalid_if_match', value: header } };
  return { ok: true, version: Number(m[1]) };
}

/** What the audit log records of a product. */
export function auditableProduct(p: ProductsTable): Record<string, unknown> {
  const { search_text: _s, created_at: _c, updated_at: _u, id: _id, ...rest } = p;
  return rest;
}
