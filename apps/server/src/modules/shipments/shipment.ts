import type { Shipment, ShipmentEvent, ShipmentStatus } from '@ordercare/contracts';
import type { FieldError } from '../../platform/http/index.js';
import type { CarriersTable, ShipmentEventsTable, ShipmentLinesTable, ShipmentsTable } from '../../platform/db/schema.js';
import type { InventoryError } from '../inventory/index.js';
import type { ShipmentOrderError } from '../orders/index.js';
import { trackingUrl } from './carriers.js';

/** Expected outcomes of shipment commands; shipments.problems.ts maps each to HTTP. */
export type ShipmentError =
  | { code: 'invalid'; errors: FieldError[] }
  | { code: 'order'; error: ShipmentOrderError }
  | { code: 'inventory'; error: InventoryError }
  | { code: 'unknown_carrier'; carrier: string; known: string[] }
  | { code: 'warehouse_required'; warehouses: string[] }
  | { code: 'shipment_not_found'; id: string }
  | { code: 'shipment_delivered'; id: string; deliveredAt: string | null }
  | { code: 'carrier_not_found'; carrier: string }
  | { code: 'duplicate_carrier'; carrier: string }
  | { code: 'payment'; status: number; problemCode: string; detail: string };

/** Roles that may ship a prepaid order before it is paid (with a reason). */
export const PAYMENT_OVERRIDE_ROLES = ['admin', 'manager'] as const;

/** The end of a date's UTC day: when "late" starts. */
export const endOfDay = (date: string) => `${date}T23:59:59.999Z`;

export function toShipmentEvent(e: ShipmentEventsTable): ShipmentEvent {
  return {
    id: e.id,
    type: e.type as ShipmentEvent['type'],
    at: e.at,
    location: e.location,
    note: e.note,
    signedBy: e.signed_by,
    codCollected: e.cod_collected,
    codFailed: e.cod_failed === 1,
    actor: { type: e.actor_type, id: e.actor_id },
    recordedAt: e.recorded_at,
  };
}

export function toShipment(s: ShipmentsTable, orderNumber: string, carrier: CarriersTable | undefined, lines: readonly ShipmentLinesTable[], events: readonly ShipmentEventsTable[]): Shipment {
  return {
    id: s.id,
    orderId: s.order_id,
    orderNumber,
    warehouseId: s.warehouse_id,
    carrier: s.carrier_code,
    carrierName: carrier?.name ?? s.carrier_code,
    service: s.service,
    trackingNumber: s.tracking_number,
    trackingUrl: trackingUrl(carrier?.tracking_url_template, s.tracking_number),
    packages: s.packages,
    weightGrams: s.weight_grams,
    estimatedDeliveryDate: s.estimated_delivery_date,
    status: s.status as ShipmentStatus,
    deliveredAt: s.delivered_at,
    signedBy: s.signed_by,
    paymentOverride: s.payment_override,
    lines: lines.filter((l) => l.shipment_id === s.id).map((l) => ({ lineId: l.order_line_id, sku: l.sku, quantity: l.quantity })),
    events: events.filter((e) => e.shipment_id === s.id).map(toShipmentEvent),
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}
