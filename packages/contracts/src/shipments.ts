import { z } from 'zod';
import { Timestamp } from './common.js';
import { MAX_QUANTITY } from './inventory.js';
import { OrderPriority, OrderStatus, PAYMENT_METHODS, PaymentStatus } from './orders.js';

/** Tracking events a shipment can receive (API.md). */
export const SHIPMENT_EVENT_TYPES = ['in_transit', 'out_for_delivery', 'delivered', 'exception'] as const;
export const ShipmentEventType = z.enum(SHIPMENT_EVENT_TYPES);
export type ShipmentEventType = z.infer<typeof ShipmentEventType>;

/** `created` until the first tracking event; then the type of the latest event. `delivered` is final. */
export const SHIPMENT_STATUSES = ['created', ...SHIPMENT_EVENT_TYPES] as const;
export const ShipmentStatus = z.enum(SHIPMENT_STATUSES);
export type ShipmentStatus = z.infer<typeof ShipmentStatus>;

const IsoDate = z.iso.date({ message: 'must be a date such as 2026-12-01' });
const ShortText = z.string().trim().min(1).max(200);
const CarrierCode = z
  .string()
  .trim()
  .toUpperCase()
  .min(1)
  .max(20)
  .regex(/^[A-Z0-9_-]+$/, 'letters, digits, _ and - only');

export const ShipmentLineInput = z.strictObject({
  lineId: z.string().min(1).max(64).describe('An order line id'),
  quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_QUANTITY),
});

export const CreateShipmentRequest = z.strictObject({
  warehouseId: z.string().min(1).max(64).optional().describe('Where the goods leave from; may be omitted when the lines are reserved in exactly one warehouse'),
  lines: z.array(ShipmentLineInput).min(1, 'must list at least one line').max(500),
  carrier: CarrierCode.describe('A carrier code from GET /carriers, e.g. SF'),
  service: z.string().trim().max(100).optional().describe('Carrier service, e.g. "Express"'),
  trackingNumber: z.string().trim().min(1).max(100).optional(),
  packages: z.number().int('must be a whole number').min(1).max(10_000).default(1),
  weightGrams: z.number().int('must be a whole number').min(0).max(100_000_000).optional(),
  estimatedDeliveryDate: IsoDate.optional().describe('When the carrier expects to deliver; a shipment still undelivered at the end of that day (UTC) raises shipment.late'),
  paymentOverride: z
    .strictObject({ reason: z.string().trim().min(3, 'must say why the order ships before it is paid').max(1000) })
    .optional()
    .describe('Ship a prepaid order that is not paid yet (admin and manager only); recorded in the history and audit log'),
});
export type CreateShipmentRequest = z.infer<typeof CreateShipmentRequest>;

export const ShipmentEventRequest = z.strictObject({
  type: ShipmentEventType,
  at: z.iso.datetime({ offset: true }).optional().describe('When it happened; default now'),
  location: z.string().trim().max(200).optional(),
  note: z.string().trim().max(2000).optional().describe('Required for exception: the reason'),
  signedBy: z.string().trim().max(200).optional().describe('Required for delivered: who signed for the goods'),
  codCollected: z.number().int().min(1).optional().describe('delivered, cash-on-delivery orders: the cash collected, in minor units (recorded as a cod payment)'),
  codFailed: z.boolean().optional().describe('exception, cash-on-delivery orders: the cash could not be collected and the goods were not handed over'),
});
export type ShipmentEventRequest = z.infer<typeof ShipmentEventRequest>;

export const ShipmentEvent = z.object({
  id: z.string(),
  type: ShipmentEventType,
  at: Timestamp,
  location: z.string().nullable(),
  note: z.string().nullable(),
  signedBy: z.string().nullable(),
  codCollected: z.number().int().nullable(),
  codFailed: z.boolean(),
  actor: z.object({ type: z.string(), id: z.string().nullable() }),
  recordedAt: Timestamp,
});
export type ShipmentEvent = z.infer<typeof ShipmentEvent>;

export const ShipmentLine = z.object({ lineId: z.string(), sku: z.string(), quantity: z.number().int() });

export const Shipment = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  warehouseId: z.string().nullable().describe('Null when every line ships without a reservation (untracked or make-to-order products)'),
  carrier: z.string(),
  carrierName: z.string(),
  service: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable().describe("The carrier's template with the tracking number filled in"),
  packages: z.number().int(),
  weightGrams: z.number().int().nullable(),
  estimatedDeliveryDate: z.string().nullable(),
  status: ShipmentStatus,
  deliveredAt: Timestamp.nullable(),
  signedBy: z.string().nullable(),
  paymentOverride: z.string().nullable().describe('The reason a prepaid, unpaid order was allowed to ship'),
  lines: z.array(ShipmentLine),
  events: z.array(ShipmentEvent),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Shipment = z.infer<typeof Shipment>;

export const Carrier = z.object({
  code: z.string(),
  name: z.string(),
  trackingUrlTemplate: z.string().nullable().describe('With {trackingNumber} where the number goes'),
  active: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Carrier = z.infer<typeof Carrier>;

const UrlTemplate = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
  .refine((s) => s.includes('{trackingNumber}'), 'must contain {trackingNumber} where the tracking number goes');

export const CreateCarrierRequest = z.strictObject({
  code: CarrierCode,
  name: ShortText,
  trackingUrlTemplate: UrlTemplate.nullish(),
  active: z.boolean().default(true),
});
export type CreateCarrierRequest = z.infer<typeof CreateCarrierRequest>;
export const UpdateCarrierRequest = z.strictObject({ name: ShortText.optional(), trackingUrlTemplate: UrlTemplate.nullish(), active: z.boolean().optional() });
export type UpdateCarrierRequest = z.infer<typeof UpdateCarrierRequest>;
export const CarrierParams = z.strictObject({ code: z.string().min(1).max(20) });

export const FulfilmentQueueQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});
export type FulfilmentQueueQuery = z.infer<typeof FulfilmentQueueQuery>;

export const FulfilmentQueueItem = z.object({
  orderId: z.string(),
  number: z.string(),
  status: OrderStatus,
  priority: OrderPriority,
  customerName: z.string(),
  dueDate: z.string().describe('Promised, else requested delivery date'),
  overdue: z.boolean(),
  paymentStatus: PaymentStatus,
  paymentMethod: z.enum(PAYMENT_METHODS),
  awaitingPayment: z.boolean().describe('Prepaid and not paid yet: cannot ship without an override'),
  linesRemaining: z.number().int(),
  unitsRemaining: z.number().int(),
});
export type FulfilmentQueueItem = z.infer<typeof FulfilmentQueueItem>;
