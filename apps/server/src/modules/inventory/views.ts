import type { Movement, ReservationRecord, StockLevel } from '@ordercare/contracts';
import type { Executor } from '../../platform/db/index.js';
import type { StockLevelsTable } from '../../platform/db/schema.js';
import { decodeCursor, encodeCursor } from '../../platform/db/index.js';
import { findProductBySku, findProductsByIds } from '../catalog/index.js';
import * as repo from './inventory.repo.js';
import { toStockLevel } from './stock.js';

type Page<T> = { data: T[]; nextCursor: string | null };
const EMPTY = { data: [], nextCursor: null };

/** The product id of a `?sku=` filter: null when the filter names no product (the list is then empty). */
async function productFilter(db: Executor, sku: string | undefined): Promise<string | undefined | null> {
  if (sku === undefined || sku === '') return undefined;
  return (await findProductBySku(db, sku))?.id ?? null;
}

async function withNames(db: Executor, rows: StockLevelsTable[]): Promise<StockLevel[]> {
  const products = await findProductsByIds(db, rows.map((r) => r.product_id));
  const warehouses = new Map((await repo.findWarehousesByIds(db, rows.map((r) => r.warehouse_id))).map((w) => [w.id, w]));
  return rows.map((r) => {
    const p = products.get(r.product_id);
    return toStockLevel(r, { sku: p?.sku ?? '', name: p?.name ?? '', nameZh: p?.nameZh ?? null }, { code: warehouses.get(r.warehouse_id)?.code ?? '' });
  });
}

/** Stock levels (only those that exist: a level appears at its first movement or threshold). */
export async function listStockLevels(db: Executor, q: { sku?: string | undefined; warehouseId?: string | undefined; lowOnly?: boolean; limit: number; cursor?: string | undefined }): Promise<Page<StockLevel>> {
  const productId = await productFilter(db, q.sku);
  if (productId === null) return EMPTY;
  const rows = await repo.listLevels(db, { productId, warehouseId: q.warehouseId, lowOnly: q.lowOnly ?? false, after: decodeCursor(q.cursor), limit: q.limit });
  const page = rows.slice(0, q.limit);
  return { data: await withNames(db, page), nextCursor: rows.length > q.limit ? encodeCursor(repo.levelCursor(page[page.length - 1]!)) : null };
}

/** The ledger, newest first. */
export async function listMovements(db: Executor, q: { sku?: string | undefined; warehouseId?: string | undefined; limit: number; cursor?: string | undefined }): Promise<Page<Movement>> {
  const productId = await productFilter(db, q.sku);
  if (productId === null) return EMPTY;
  const rows = await repo.listMovements(db, { productId, warehouseId: q.warehouseId, beforeId: decodeCursor(q.cursor), limit: q.limit });
  const page = rows.slice(0, q.limit);
  const products = await findProductsByIds(db, page.map((r) => r.product_id));
  return {
    data: page.map((m) => ({
      id: m.id,
      sku: products.get(m.product_id)?.sku ?? '',
      productId: m.product_id,
      warehouseId: m.warehouse_id,
      kind: m.kind as Movement['kind'],
      quantity: m.quantity,
      reservedDelta: m.reserved_delta,
      reason: m.reason,
      referenceType: m.reference_type,
      referenceId: m.reference_id,
      actor: { type: m.actor_type, id: m.actor_id },
      createdAt: m.created_at,
    })),
    nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!.id) : null,
  };
}

/** Every reservation row of one reference (active, released and converted), oldest first. */
export async function listReservations(db: Executor, referenceType: string, referenceId: string): Promise<ReservationRecord[]> {
  const rows = await repo.reservationsOf(db, referenceType, referenceId);
  const products = await findProductsByIds(db, rows.map((r) => r.product_id));
  return rows.map((r) => ({
    id: r.id,
    referenceType: r.reference_type,
    referenceId: r.reference_id,
    sku: products.get(r.product_id)?.sku ?? '',
    productId: r.product_id,
    warehouseId: r.warehouse_id,
    quantity: r.quantity,
    backordered: r.backordered,
    status: r.status as ReservationRecord['status'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
