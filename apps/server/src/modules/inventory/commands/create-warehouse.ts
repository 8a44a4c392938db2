import type { Warehouse } from '@ordercare/contracts';
import type { Actor } from '../../../platform/auth/index.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Clock } from '../../../platform/clock.js';
import type { Executor } from '../../../platform/db/index.js';
import type { WarehousesTable } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import * as repo from '../inventory.repo.js';
import { toWarehouse, type InventoryError } from '../stock.js';

export interface NewWarehouse {
  code: string;
  name: string;
  address?: string | null | undefined;
}

/** Creates a warehouse; a taken code (codes are upper case) is `duplicate_warehouse_code`. */
export async function createWarehouse(tx: Executor, clock: Clock, actor: Actor, input: NewWarehouse, requestId?: string): Promise<Result<Warehouse, InventoryError>> {
  const now = clock.now().toISOString();
  const code = input.code.trim().toUpperCase();
  const taken = await repo.findWarehouseByCode(tx, code);
  if (taken) return err({ code: 'duplicate_warehouse_code', warehouseCode: code, existingId: taken.id });
  const row: WarehousesTable = { id: newId('whs'), code, name: input.name, address: input.address ?? null, active: 1, created_at: now };
  if (!(await repo.insertWarehouse(tx, row))) {
    const winner = await repo.findWarehouseByCode(tx, code);
    return err({ code: 'duplicate_warehouse_code', warehouseCode: code, existingId: winner?.id ?? 'unknown' });
  }
  const { id: _id, created_at: _c, ...audited } = row;
  await recordAudit(tx, { actor, action: 'warehouse.created', entityType: 'warehouse', entityId: row.id, after: audited, at: now, requestId });
  const warehouse = toWarehouse(row);
  await emitEvent(tx, now, { type: 'warehouse.created', aggregateType: 'warehouse', aggregateId: row.id, payload: { warehouse } });
  return ok(warehouse);
}
