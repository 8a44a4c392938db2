import type { Order, StaffRole, TransitionRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { diffFields, recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import type { OrdersTable } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { releaseReservations } from '../../inventory/index.js';
import { factsOf, toOrder, type OrderError } from '../order.js';
import * as repo from '../order.repo.js';
import { decideTransition, rolesFor } from '../order-status.js';

export interface TransitionOptions {
  /** From `If-Match`; undefined skips the check. */
  expectedVersion?: number | undefined;
  requestId?: string | undefined;
}

/**
 * Moves an order to `request.to` in the caller's transaction: locks the row, lets the state
 * machine decide (pure), checks the caller's role for that target, releases every reservation
 * when cancelling, saves with version + 1, and records the history row, the audit entry and the
 * events `order.status_changed` (plus `order.cancelled` when cancelling).
 */
export async function transitionOrder(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'ops'>,
  actor: Actor,
  role: StaffRole,
  id: string,
  request: TransitionRequest,
  options: TransitionOptions = {},
): Promise<Result<Order, OrderError>> {
  const row = await repo.lockOrderRow(tx, deps.ops, id);
  if (!row) return err({ code: 'not_found', id });
  if (options.expectedVersion !== undefined && row.version !== options.expectedVersion) return err({ code: 'version_conflict', id, current: row.version });

  const facts = factsOf(row);
  const decision = decideTransition(facts, request.to);
  if (!decision.ok) return err({ ...decision.error, number: row.number });
  const { from, to, heldFrom } = decision.value;
  const roles = rolesFor(facts, to);
  if (!roles.includes(role)) return err({ code: 'transition_forbidden', number: row.number, role, to, roles });

  const now = deps.clock.now().toISOString();
  const reason = request.reason ?? null;
  let released: { sku: string; warehouseId: string; quantity: number }[] = [];
  if (decision.value.releaseStock) {
    const result = await releaseReservations(tx, deps.clock, actor, { referenceType: 'order', referenceId: id, reason: `order ${row.number} cancelled${reason ? `: ${reason}` : ''}` });
    if (!result.ok) return err({ code: 'inventory', error: result.error });
    released = result.value.released;
  }

  const next: OrdersTable = { ...row, status: to, held_from: heldFrom, version: row.version + 1, updated_at: now };
  if (!(await repo.updateOrder(tx, row.version, next))) throw new Error(`order ${id} changed while locked`);
  const before = { status: row.status, heldFrom: row.held_from };
  const after = { status: next.status, heldFrom: next.held_from };
  const changes = diffFields(before, after);
  await repo.insertOrderEvent(tx, { id: newId('oev'), order_id: id, type: 'status_changed', at: now, actor_type: actor.type, actor_id: actor.id, from_status: from, to_status: to, reason, changes: JSON.stringify(changes) });
  await recordAudit(tx, { actor, action: 'order.status_changed', entityType: 'order', entityId: id, before, after, at: now, requestId: options.requestId });

  const common = { orderId: id, customerId: row.customer_id, number: row.number, reason, version: next.version, actor };
  await emitEvent(tx, now, { type: 'order.status_changed', aggregateType: 'order', aggregateId: id, payload: { ...common, from, to, heldFrom } });
  if (to === 'cancelled') await emitEvent(tx, now, { type: 'order.cancelled', aggregateType: 'order', aggregateId: id, payload: { ...common, from, released } });
  return ok(toOrder(next, await repo.linesOf(tx, id), { role }, (await repo.pendingChangeOf(tx, id)) ?? null));
}
