import type { CreateShipmentRequest, Shipment, StaffRole } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import type { ShipmentLinesTable, ShipmentsTable } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent, scheduleTimer } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { findProductsByIds } from '../../catalog/index.js';
import { convertReservationsToShipment, listReservations } from '../../inventory/index.js';
import { recordShipment } from '../../orders/index.js';
import { trackingUrl } from '../carriers.js';
import * as repo from '../shipments.repo.js';
import { endOfDay, PAYMENT_OVERRIDE_ROLES, type ShipmentError } from '../shipment.js';
import { getShipment } from './get-shipments.js';

/** The timer that raises `shipment.late` when a shipment is still undelivered after its estimated day. */
export const shipmentDueKey = (id: string) => `shipment.due:${id}`;

/**
 * `POST /orders/{id}/shipments`, in the caller's transaction: the order side first (lock, may it
 * ship, prepaid gate, quantities against what remains, shipped quantities, status, history), then
 * the stock: the lines' reservations in one warehouse become shipped stock (`not_reserved` when
 * asking more than is reserved there). Untracked products, and make-to-order lines without a
 * reservation, ship without stock. Then the shipment, audit, `shipment.created` and the late timer.
 * Any refusal rolls the whole transaction back.
 */
export async function createShipment(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'ops'>,
  actor: Actor,
  role: StaffRole,
  orderId: string,
  input: CreateShipmentRequest,
  options: { requestId?: string | undefined } = {},
): Promise<Result<Shipment, ShipmentError>> {
  const carrier = await repo.findCarrier(tx, input.carrier);
  if (!carrier || carrier.active !== 1) {
    const known = (await repo.listCarrierRows(tx)).filter((c) => c.active === 1).map((c) => c.code);
    return err({ code: 'unknown_carrier', carrier: input.carrier, known });
  }
  const id = newId('shp');
  const override = input.paymentOverride ? { reason: input.paymentOverride.reason, permitted: (PAYMENT_OVERRIDE_ROLES as readonly string[]).includes(role) } : undefined;
  const order = await recordShipment(tx, deps, actor, orderId, { shipmentId: id, lines: input.lines, paymentOverride: override }, options);
  if (!order.ok) return err({ code: 'order', error: order.error });

  // Which lines move stock: tracked products, except make-to-order lines that hold no reservation.
  const products = await findProductsByIds(tx, order.value.lines.map((l) => l.productId));
  const reservations = (await listReservations(tx, 'order', orderId)).filter((r) => r.status === 'active');
  const reservedSkus = new Set(reservations.map((r) => r.sku));
  const stockLines = order.value.lines.filter((l) => products.get(l.productId)?.trackInventory && (!l.makeToOrder || reservedSkus.has(l.sku)));
  const skus = new Set(stockLines.map((l) => l.sku));
  const candidates = [...new Set(reservations.filter((r) => skus.has(r.sku)).map((r) => r.warehouseId))].sort();

  let warehouseId: string | null = null;
  if (stockLines.length) {
    if (input.warehouseId) warehouseId = input.warehouseId;
    else if (candidates.length === 1) warehouseId = candidates[0]!;
    else if (candidates.length > 1) return err({ code: 'warehouse_required', warehouses: candidates });
    const shipped = await convertReservationsToShipment(tx, deps.clock, actor, {
      referenceType: 'order',
      referenceId: orderId,
      lines: stockLines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      warehouseId: warehouseId ?? undefined,
      reason: `shipment ${id} of order ${order.value.number}`,
    });
    if (!shipped.ok) return err({ code: 'inventory', error: shipped.error });
  }

  const now = deps.clock.now().toISOString();
  const row: ShipmentsTable = {
    id,
    order_id: orderId,
    warehouse_id: warehouseId,
    carrier_code: carrier.code,
    service: input.service || null,
    tracking_number: input.trackingNumber ?? null,
    packages: input.packages,
    weight_grams: input.weightGrams ?? null,
    estimated_delivery_date: input.estimatedDeliveryDate ?? null,
    status: 'created',
    delivered_at: null,
    signed_by: null,
    payment_override: override ? override.reason : null,
    created_by_type: actor.type,
    created_by_id: actor.id,
    created_at: now,
    updated_at: now,
  };
  const lines: ShipmentLinesTable[] = order.value.lines.map((l) => ({ id: newId('shl'), shipment_id: id, order_line_id: l.lineId, sku: l.sku, quantity: l.quantity }));
  await repo.insertShipment(tx, row, lines);
  const summary = { orderId, number: order.value.number, carrier: carrier.code, trackingNumber: row.tracking_number, warehouseId, estimatedDeliveryDate: row.estimated_delivery_date, lines: lines.map((l) => ({ lineId: l.order_line_id, sku: l.sku, quantity: l.quantity })) };
  await recordAudit(tx, { actor, action: 'shipment.created', entityType: 'shipment', entityId: id, after: { ...summary, paymentOverride: row.payment_override }, at: now, requestId: options.requestId });
  await emitEvent(tx, now, {
    type: 'shipment.created',
    aggregateType: 'shipment',
    aggregateId: id,
    payload: { shipmentId: id, customerId: order.value.customerId, ...summary, trackingUrl: trackingUrl(carrier.tracking_url_template, row.tracking_number), orderStatus: order.value.status, actor },
  });
  if (row.estimated_delivery_date) {
    // No customerId in the payload: the timer is internal, `shipment.late` is what others see.
    await scheduleTimer(tx, now, endOfDay(row.estimated_delivery_date), { type: 'shipment.due', aggregateType: 'shipment', aggregateId: id, payload: { shipmentId: id }, dedupeKey: shipmentDueKey(id) });
  }
  const shipment = await getShipment(tx, id);
  if (!shipment) throw new Error(`shipment ${id} vanished`);
  return ok(shipment);
}
