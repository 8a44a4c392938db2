import type { Product, UpdateProductRequest } from '@ordercare/contracts';
import type { Actor } from '../../../platform/auth/index.js';
import { diffFields, recordAudit } from '../../../platform/audit.js';
import type { Clock } from '../../../platform/clock.js';
import { inTransaction, type Executor } from '../../../platform/db/index.js';
import type { Deps } from '../../../deps.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import * as repo from '../catalog.repo.js';
import { applyProductPatch, auditableProduct, toProduct, type CatalogError } from '../product.js';

/**
 * Edits a product the caller saw at `expectedVersion` (from If-Match). A stale version is
 * `version_conflict` with the current one; the write itself is conditional on the version, so two
 * editors racing cannot both win. A patch that changes nothing returns the product as it is.
 */
export async function updateProduct(
  tx: Executor,
  clock: Clock,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: UpdateProductRequest,
  requestId?: string,
): Promise<Result<Product, CatalogError>> {
  const now = clock.now().toISOString();
  const before = await repo.findById(tx, id);
  if (!before) return err({ code: 'not_found', id });
  if (before.version !== expectedVersion) return err({ code: 'version_conflict', id, expected: expectedVersion, current: before.version });
  const after = applyProductPatch(before, patch, now);
  if (after === before) return ok(toProduct(before));
  if (after.sku !== before.sku) {
    const taken = await repo.findBySku(tx, after.sku);
    if (taken) return err({ code: 'duplicate_sku', sku: after.sku, existingId: taken.id });
  }
  if (!(await repo.updateProductIfVersion(tx, after, expectedVersion))) {
    const current = await repo.findById(tx, id);
    if (!current) return err({ code: 'not_found', id });
    return err({ code: 'version_conflict', id, expected: expectedVersion, current: current.version });
  }
  await recordAudit(tx, { actor, action: 'product.updated', entityType: 'product', entityId: id, before: auditableProduct(before), after: auditableProduct(after), at: now, requestId });
  const product = toProduct(after);
  const changes = diffFields(auditableProduct(before), auditableProduct(after));
  await emitEvent(tx, now, { type: 'product.updated', aggregateType: 'product', aggregateId: id, payload: { product, changed: Object.keys(changes).filter((f) => f !== 'version') } });
  return ok(product);
}

/**
 * `updateProduct` in its own transaction. Two transactions renaming products to the same SKU at
 * once both pass the look-up; the unique index stops the second, whose transaction is then
 * already rolled back, and that outcome is the same `duplicate_sku` as the look-up gives.
 */
export async function editProduct(deps: Pick<Deps, 'db' | 'ops' | 'clock'>, actor: Actor, id: string, expectedVersion: number, patch: UpdateProductRequest, requestId?: string): Promise<Result<Product, CatalogError>> {
  try {
    return await inTransaction(deps.db, (tx) => updateProduct(tx, deps.clock, actor, id, expectedVersion, patch, requestId));
  } catch (e) {
    if (!deps.ops.isUniqueViolation(e) || patch.sku === undefined) throw e;
    const taken = await repo.findBySku(deps.db, patch.sku);
    if (!taken) throw e;
    return err({ code: 'duplicate_sku', sku: patch.sku, existingId: taken.id });
  }
}
