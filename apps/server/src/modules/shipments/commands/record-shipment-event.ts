import type { Shipment, ShipmentEventRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import type { FieldError } from '../../../platform/http/index.js';
import type { ShipmentsTable } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';
import { cancelTimer, emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { getOrder, recordShipmentUpdate } from '../../orders/index.js';
import * as repo from '../shipments.repo.js';
import type { ShipmentError } from '../shipment.js';
import { shipmentDueKey } from './create-shipment.js';
import { getShipment } from './get-shipments.js';

/** How far in the future an event's `at` may lie (clock skew of the carrier's scanner). */
const FUTURE_SLACK_MS = 5 * 60_000;

/** The field rules of one event type (zod checks each field alone). */
export function eventIssues(input: ShipmentEventRequest, cod: boolean, now: Date): FieldError[] {
  const issues: FieldError[] = [];
  if (input.type === 'delivered' && !input.signedBy) issues.push({ path: 'body.signedBy', message: 'is required for delivered: the name of the person who signed for the goods' });
  if (input.type === 'exception' && !input.note) issues.push({ path: 'body.note', message: 'is required for exception: say what went wrong' });
  if (input.codCollected !== undefined && input.type !== 'delivered') issues.push({ path: 'body.codCollected', message: 'applies only to delivered events' });
  if (input.codCollected !== undefined && !cod) issues.push({ path: 'body.codCollected', message: 'applies only to cash-on-delivery orders' });
  if (input.codFailed && input.type !== 'exception') issues.push({ path: 'body.codFailed', message: 'applies only to exception events (the goods were not handed over)' });
  if (input.codFailed && !cod) issues.push({ path: 'body.codFailed', message: 'applies only to cash-on-delivery orders' });
  if (input.at && Date.parse(input.at) > now.getTime() + FUTURE_SLACK_MS) issues.push({ path: 'body.at', message: 'lies in the future; give the time it happened' });
  return issues;
}

export interface CodCollector {
  (tx: Tx, actor: Actor, orderId: string, amount: number, shipment: ShipmentsTable): Promise<Result<unknown, ShipmentError>>;
}

/**
 * `POST /shipments/{id}/events`, in the caller's transaction: lock the shipment, refuse anything
 * once delivered (`shipment_delivered`), check the type's fields, store the event, move the
 * shipment's status, tell the order (history; `delivered` when every unit shipped and every
 * shipment is delivered), record the cash of a COD delivery, cancel the late timer on delivery,
 * and emit `shipment.event_recorded` (+ `shipment.delivered`, `shipment.cod_failed`).
 */
export async function recordShipmentEvent(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'ops'>,
  actor: Actor,
  id: string,
  input: ShipmentEventRequest,
  options: { requestId?: string | undefined; collectCod?: CodCollector | undefined } = {},
): Promise<Result<Shipment, ShipmentError>> {
  const row = await repo.lockShipment(tx, deps.ops, id);
  if (!row) return err({ code: 'shipment_not_found', id });
  if (row.status === 'delivered') return err({ code: 'shipment_delivered', id, deliveredAt: row.delivered_at });
  const order = await getOrder(tx, row.order_id);
  if (!order) throw new Error(`shipment ${id} without its order`);
  const now = deps.clock.now();
  const cod = order.paymentTerms.method === 'cod';
  const issues = eventIssues(input, cod, now);
  if (issues.length) return err({ code: 'invalid', errors: issues });

  const recordedAt = now.toISOString();
  const at = input.at ? new Date(input.at).toISOString() : recordedAt;
  const delivered = input.type === 'delivered';
  const eventId = newId('sev');
  await repo.insertShipmentEvent(tx, {
    id: eventId,
    shipment_id: id,
    type: input.type,
    at,
    location: input.location || null,
    note: input.note || null,
    signed_by: delivered ? input.signedBy! : null,
    cod_collected: input.codCollected ?? null,
    cod_failed: input.codFailed ? 1 : 0,
    actor_type: actor.type,
    actor_id: actor.id,
    recorded_at: recordedAt,
  });
  const next: ShipmentsTable = { ...row, status: input.type, updated_at: recordedAt, ...(delivered ? { delivered_at: at, signed_by: input.signedBy! } : {}) };
  await repo.updateShipment(tx, next);

  const all = await repo.shipmentsOfOrder(tx, row.order_id);
  const allDelivered = all.every((s) => s.status === 'delivered');
  const note = [input.location, delivered ? `signed by ${input.signedBy}` : input.note].filter(Boolean).join(' · ');
  const moved = await recordShipmentUpdate(tx, deps, actor, row.order_id, { shipmentId: id, type: input.type, note, allDelivered }, options);
  if (!moved.ok) return err({ code: 'order', error: moved.error });

  if (input.codCollected !== undefined) {
    if (!options.collectCod) return err({ code: 'invalid', errors: [{ path: 'body.codCollected', message: 'cannot be recorded: payments are not available on this server' }] });
    const paid = await options.collectCod(tx, actor, row.order_id, input.codCollected, row);
    if (!paid.ok) return err(paid.error);
  }

  const common = { shipmentId: id, orderId: row.order_id, customerId: order.customerId, number: order.number, actor };
  await recordAudit(tx, { actor, action: 'shipment.event_recorded', entityType: 'shipment', entityId: id, before: { status: row.status }, after: { status: next.status, at, signedBy: next.signed_by, codCollected: input.codCollected ?? null, codFailed: input.codFailed ?? false }, at: recordedAt, requestId: options.requestId });
  await emitEvent(tx, recordedAt, { type: 'shipment.event_recorded', aggregateType: 'shipment', aggregateId: id, payload: { ...common, eventId, type: input.type, at, location: input.location ?? null, note: input.note ?? null } });
  if (delivered) {
    await cancelTimer(tx, shipmentDueKey(id));
    await emitEvent(tx, recordedAt, { type: 'shipment.delivered', aggregateType: 'shipment', aggregateId: id, payload: { ...common, at, signedBy: input.signedBy, orderStatus: moved.value.status, codCollected: input.codCollected ?? null } });
  }
  if (input.codFailed) {
    await emitEvent(tx, recordedAt, { type: 'shipment.cod_failed', aggregateType: 'shipment', aggregateId: id, payload: { ...common, at, reason: input.note } });
  }
  const shipment = await getShipment(tx, id);
  if (!shipment) throw new Error(`shipment ${id} vanished`);
  return ok(shipment);
}
