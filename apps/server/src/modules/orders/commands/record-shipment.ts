import type { OrderStatus, PaymentTerms } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import type { OrdersTable } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { factsOf } from '../order.js';
import * as repo from '../order.repo.js';
import { decideTransition } from '../order-status.js';

/** Statuses from which goods may leave. */
export const SHIPPABLE_STATUSES: readonly OrderStatus[] = ['confirmed', 'ready_to_ship', 'partially_shipped'];
/** Payment statuses that hold a prepaid order back. */
const UNPAID = ['unpaid', 'partially_paid'];

/** Expected outcomes of the order side of a shipment; shipments.problems.ts maps them. */
export type ShipmentOrderError =
  | { code: 'order_not_found'; id: string }
  | { code: 'order_not_shippable'; number: string; status: OrderStatus }
  | { code: 'unknown_lines'; number: string; lines: { index: number; lineId: string }[] }
  | { code: 'exceeds_remaining'; number: string; lines: { index: number; lineId: string; sku: string; requested: number; remaining: number }[] }
  | { code: 'payment_required'; number: string; paymentStatus: string }
  | { code: 'override_forbidden'; number: string };

export interface ShippedLine {
  index: number;
  lineId: string;
  productId: string;
  sku: string;
  quantity: number;
  makeToOrder: boolean;
}

export interface OrderShipmentFacts {
  orderId: string;
  number: string;
  customerId: string;
  currency: string;
  paymentTerms: PaymentTerms;
  status: OrderStatus;
  lines: ShippedLine[];
}

export interface RecordShipmentRequest {
  shipmentId: string;
  lines: readonly { lineId: string; quantity: number }[];
  /** A prepaid order that is not paid ships only with a reason, from a role allowed to override. */
  paymentOverride?: { reason: string; permitted: boolean } | undefined;
}

async function moveBySystem(tx: Tx, actor: Actor, row: OrdersTable, next: OrdersTable, to: OrderStatus, reason: string | null, requestId?: string): Promise<void> {
  const now = next.updated_at;
  await repo.insertOrderEvent(tx, { id: newId('oev'), order_id: row.id, type: 'status_changed', at: now, actor_type: actor.type, actor_id: actor.id, from_status: row.status, to_status: to, reason, changes: JSON.stringify({ status: { from: row.status, to } }) });
  await recordAudit(tx, { actor, action: 'order.status_changed', entityType: 'order', entityId: row.id, before: { status: row.status }, after: { status: to }, at: now, requestId });
  await emitEvent(tx, now, {
    type: 'order.status_changed',
    aggregateType: 'order',
    aggregateId: row.id,
    payload: { orderId: row.id, customerId: row.customer_id, number: row.number, from: row.status, to, heldFrom: null, reason, version: next.version, actor },
  });
}

/**
 * The order side of a new shipment, in the caller's transaction: locks the order, checks it may
 * ship (status, prepaid terms), checks each quantity against what remains of its line, adds the
 * shipped quantities, sets `shipped_anything`, moves the order to partially_shipped or shipped
 * (by the system) and writes the history (`shipment_created`, `status_changed`), audit and
 * `order.status_changed`. The stock itself is the shipments module's job (same transaction).
 */
export async function recordShipment(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'ops'>,
  actor: Actor,
  orderId: string,
  request: RecordShipmentRequest,
  options: { requestId?: string | undefined } = {},
): Promise<Result<OrderShipmentFacts, ShipmentOrderError>> {
  const row = await repo.lockOrderRow(tx, deps.ops, orderId);
  if (!row) return err({ code: 'order_not_found', id: orderId });
  const status = row.status as OrderStatus;
  if (!SHIPPABLE_STATUSES.includes(status)) return err({ code: 'order_not_shippable', number: row.number, status });
  const terms = JSON.parse(row.payment_terms) as PaymentTerms;
  const override = request.paymentOverride;
  if (terms.method === 'prepaid' && UNPAID.includes(row.payment_status)) {
    if (!override) return err({ code: 'payment_required', number: row.number, paymentStatus: row.payment_status });
    if (!override.permitted) return err({ code: 'override_forbidden', number: row.number });
  }

  const lines = await repo.linesOf(tx, orderId);
  const byId = new Map(lines.map((l) => [l.id, l]));
  const unknown = request.lines.flatMap((l, index) => (byId.has(l.lineId) ? [] : [{ index, lineId: l.lineId }]));
  if (unknown.length) return err({ code: 'unknown_lines', number: row.number, lines: unknown });
  const asked = new Map<string, number>();
  for (const l of request.lines) asked.set(l.lineId, (asked.get(l.lineId) ?? 0) + l.quantity);
  const over = request.lines.flatMap((l, index) => {
    const line = byId.get(l.lineId)!;
    const remaining = line.quantity - line.shipped;
    return asked.get(l.lineId)! > remaining ? [{ index, lineId: l.lineId, sku: line.sku, requested: asked.get(l.lineId)!, remaining }] : [];
  });
  if (over.length) return err({ code: 'exceeds_remaining', number: row.number, lines: over });

  const now = deps.clock.now().toISOString();
  const changes: Record<string, { from: unknown; to: unknown }> = { shipment: { from: null, to: request.shipmentId } };
  for (const [lineId, quantity] of asked) {
    const line = byId.get(lineId)!;
    await tx.updateTable('order_lines').set({ shipped: line.shipped + quantity }).where('id', '=', lineId).where('shipped', '=', line.shipped).execute();
    changes[`shipped.${line.sku}`] = { from: line.shipped, to: line.shipped + quantity };
    line.shipped += quantity;
  }
  const allShipped = lines.every((l) => l.shipped >= l.quantity);
  const target: OrderStatus = allShipped ? 'shipped' : 'partially_shipped';
  const facts = { ...factsOf(row), anythingShipped: true };
  const moving = target !== status;
  if (moving) {
    const decision = decideTransition(facts, target, 'system');
    if (!decision.ok) return err({ code: 'order_not_shippable', number: row.number, status });
  }
  const next: OrdersTable = { ...row, status: target, shipped_anything: 1, version: row.version + 1, updated_at: now };
  if (!(await repo.updateOrder(tx, row.version, next))) throw new Error(`order ${orderId} changed while locked`);

  const reason = override && terms.method === 'prepaid' && UNPAID.includes(row.payment_status) ? `payment override: ${override.reason}` : null;
  await repo.insertOrderEvent(tx, { id: newId('oev'), order_id: orderId, type: 'shipment_created', at: now, actor_type: actor.type, actor_id: actor.id, from_status: null, to_status: null, reason, changes: JSON.stringify(changes) });
  await recordAudit(tx, { actor, action: 'order.shipment_recorded', entityType: 'order', entityId: orderId, before: { status }, after: { status: target, shipment: request.shipmentId, paymentOverride: reason }, at: now, requestId: options.requestId });
  if (moving) await moveBySystem(tx, actor, row, next, target, `shipment ${request.shipmentId}`, options.requestId);

  return ok({
    orderId,
    number: row.number,
    customerId: row.customer_id,
    currency: row.currency,
    paymentTerms: terms,
    status: target,
    lines: request.lines.map((l, index) => {
      const line = byId.get(l.lineId)!;
      return { index, lineId: l.lineId, productId: line.product_id, sku: line.sku, quantity: l.quantity, makeToOrder: line.make_to_order === 1 };
    }),
  });
}

export interface ShipmentUpdate {
  shipmentId: string;
  type: string;
  note?: string | null | undefined;
  /** Every shipment of the order is delivered (the shipments module knows). */
  allDelivered: boolean;
}

/**
 * A tracking event of one of the order's shipments: history row `shipment_updated`, version + 1,
 * and, when it is a delivery, every unit has shipped and every shipment is delivered, the move
 * to `delivered` (by the system). Answers the order's status afterwards.
 */
export async function recordShipmentUpdate(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'ops'>,
  actor: Actor,
  orderId: string,
  update: ShipmentUpdate,
  options: { requestId?: string | undefined } = {},
): Promise<Result<{ number: string; customerId: string; status: OrderStatus; delivered: boolean }, ShipmentOrderError>> {
  const row = await repo.lockOrderRow(tx, deps.ops, orderId);
  if (!row) return err({ code: 'order_not_found', id: orderId });
  const now = deps.clock.now().toISOString();
  const status = row.status as OrderStatus;
  const deliver = update.type === 'delivered' && update.allDelivered && status === 'shipped' && decideTransition(factsOf(row), 'delivered', 'system').ok;
  const target: OrderStatus = deliver ? 'delivered' : status;
  const next: OrdersTable = { ...row, status: target, version: row.version + 1, updated_at: now };
  if (!(await repo.updateOrder(tx, row.version, next))) throw new Error(`order ${orderId} changed while locked`);
  const reason = update.note ? `${update.type}: ${update.note}` : update.type;
  await repo.insertOrderEvent(tx, {
    id: newId('oev'),
    order_id: orderId,
    type: 'shipment_updated',
    at: now,
    actor_type: actor.type,
    actor_id: actor.id,
    from_status: null,
    to_status: null,
    reason,
    changes: JSON.stringify({ shipment: { from: null, to: update.shipmentId } }),
  });
  if (deliver) await moveBySystem(tx, actor, row, next, 'delivered', `shipment ${update.shipmentId} delivered`, options.requestId);
  return ok({ number: row.number, customerId: row.customer_id, status: target, delivered: deliver });
}
