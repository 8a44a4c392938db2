import type { CreateProductRequest, Product } from '@ordercare/contracts';
import type { Actor } from '../../../platform/auth/index.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Clock } from '../../../platform/clock.js';
import type { Executor } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import * as repo from '../catalog.repo.js';
import { auditableProduct, newProductRow, toProduct, type CatalogError } from '../product.js';

/**
 * Creates a product in the caller's transaction, with its audit entry and `product.created`.
 * A taken SKU is `duplicate_sku` naming the existing product, also when another transaction
 * inserted it a moment ago (the insert is `ON CONFLICT DO NOTHING`, so no exception is involved).
 */
export async function createProduct(tx: Executor, clock: Clock, actor: Actor, input: CreateProductRequest, requestId?: string): Promise<Result<Product, CatalogError>> {
  const now = clock.now().toISOString();
  const existing = await repo.findBySku(tx, input.sku);
  if (existing) return err({ code: 'duplicate_sku', sku: input.sku, existingId: existing.id });
  const row = newProductRow(newId('prd'), input, now);
  if (!(await repo.insertProduct(tx, row))) {
    const winner = await repo.findBySku(tx, input.sku);
    return err({ code: 'duplicate_sku', sku: input.sku, existingId: winner?.id ?? 'unknown' });
  }
  await recordAudit(tx, { actor, action: 'product.created', entityType: 'product', entityId: row.id, after: auditableProduct(row), at: now, requestId });
  const product = toProduct(row);
  await emitEvent(tx, now, { type: 'product.created', aggregateType: 'product', aggregateId: row.id, payload: { product } });
  return ok(product);
}
