import type { Actor } from '../../platform/auth/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { StockLevelsTable, StockMovementsTable } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';
import { emitEvent } from '../../platform/outbox/index.js';
import * as repo from './inventory.repo.js';
import { availableOf, isLow } from './stock.js';

export type MovementKind = 'receipt' | 'adjustment' | 'reservation' | 'release' | 'shipment' | 'return';

export interface MovementInput {
  productId: string;
  warehouseId: string;
  kind: MovementKind;
  /** Change of on hand. */
  quantity: number;
  /** Change of reserved. */
  reservedDelta: number;
  reason?: string | null | undefined;
  reference?: { type: string; id: string } | undefined;
  actor: Actor;
  at: string;
}

/**
 * Appends one row to the ledger. Every command that changes on_hand or reserved calls this with
 * exactly the deltas it applied to the level, in the same transaction, so for every level
 * on_hand = Σ quantity and reserved = Σ reserved_delta.
 */
export async function appendMovement(tx: Executor, m: MovementInput | readonly MovementInput[]): Promise<string> {
  const rows = (Array.isArray(m) ? m : [m as MovementInput]).map(movementRow);
  if (rows.length) await repo.insertMovement(tx, rows);
  return rows[0]?.id ?? '';
}

function movementRow(m: MovementInput): StockMovementsTable {
  return {
    id: newId('mov'),
    product_id: m.productId,
    warehouse_id: m.warehouseId,
    kind: m.kind,
    quantity: m.quantity,
    reserved_delta: m.reservedDelta,
    reason: m.reason ?? null,
    reference_type: m.reference?.type ?? null,
    reference_id: m.reference?.id ?? null,
    actor_type: m.actor.type,
    actor_id: m.actor.id,
    created_at: m.at,
  };
}

/**
 * After a change of a level (its row is locked by that change): keeps the `low` flag equal to
 * "available ≤ reorder point", and emits `inventory.low_stock` when the flag turns on. The flag
 * turns off when stock rises above the point again, which re-arms the event: one event per
 * crossing, however many changes happen while the level stays low.
 */
export async function refreshLowFlag(tx: Executor, at: string, productId: string, warehouseId: string, sku: string, known?: StockLevelsTable): Promise<StockLevelsTable> {
  const row = known ?? (await repo.findLevel(tx, productId, warehouseId));
  if (!row) throw new Error(`stock level ${productId}/${warehouseId} vanished inside its transaction`);
  const low = isLow(row);
  if (low === (row.low === 1)) return row;
  await repo.setLowFlag(tx, productId, warehouseId, low);
  if (low) {
    await emitEvent(tx, at, {
      type: 'inventory.low_stock',
      aggregateType: 'product',
      aggregateId: productId,
      payload: { sku, productId, warehouseId, available: availableOf(row), onHand: row.on_hand, reserved: row.reserved, reorderPoint: row.reorder_point, safetyStock: row.safety_stock },
    });
  }
  return { ...row, low: low ? 1 : 0 };
}
