import { z } from 'zod';
import { Locale, Timestamp } from './common.js';
import { Currency, MinorUnits, Sku } from './catalog.js';
import { Address } from './customers.js';
import { MAX_QUANTITY } from './inventory.js';

/** The order journey (API.md). `partially_shipped`, `shipped` and `delivered` follow from shipments. */
export const ORDER_STATUSES = [
  'placed',
  'confirmed',
  'in_production',
  'quality_check',
  'ready_to_ship',
  'partially_shipped',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'on_hold',
] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const PAYMENT_STATUSES = ['unpaid', 'partially_paid', 'paid', 'partially_refunded', 'refunded'] as const;
export const PaymentStatus = z.enum(PAYMENT_STATUSES);

/** Work queues list `urgent` first. */
export const ORDER_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const OrderPriority = z.enum(ORDER_PRIORITIES);
export type OrderPriority = z.infer<typeof OrderPriority>;

/** Where an order came from. Default: `backoffice` for a staff session, `api` for an API key. */
export const ORDER_CHANNELS = ['backoffice', 'portal', 'api', 'import'] as const;
export const OrderChannel = z.enum(ORDER_CHANNELS);
export type OrderChannel = z.infer<typeof OrderChannel>;

export const PAYMENT_METHODS = ['prepaid', 'installments', 'cod', 'net'] as const;
export const PaymentTerms = z
  .strictObject({
    method: z.enum(PAYMENT_METHODS),
    installments: z.number().int('must be a whole number').min(2).max(60).optional().describe('Number of instalments; required with method "installments" and only there'),
    netDays: z.number().int('must be a whole number').min(0).max(365).optional().describe('Days until payment is due; required with method "net" and only there'),
  })
  .describe('Stored with the order; the payments module (issue 5) derives the schedule from it');
export type PaymentTerms = z.infer<typeof PaymentTerms>;

export const OrderDiscount = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('fixed'), amount: MinorUnits.describe('Minor units taken off the subtotal') }),
    z.strictObject({ type: z.literal('percent'), percent: z.number().min(0).max(100).multipleOf(0.01).describe('Percent of the subtotal, two decimals at most') }),
  ])
  .describe('Taken off the subtotal before tax; spread over the lines in proportion to their totals so each line is taxed on what it really costs');
export type OrderDiscount = z.infer<typeof OrderDiscount>;

const IsoDate = z.iso.date({ message: 'must be a date such as 2026-12-01' });
const LongText = z.string().trim().max(5000);

export const OrderLineInput = z.strictObject({
  sku: Sku,
  quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_QUANTITY),
  unitPrice: MinorUnits.optional().describe("Price per unit in the order's currency; default: the catalog price (then the product's currency must be the order's)"),
});

export const CreateOrderRequest = z.strictObject({
  customerId: z.string().trim().min(1).max(64),
  currency: Currency,
  lines: z.array(OrderLineInput).min(1, 'an order needs at least one line').max(500),
  shippingAddress: Address,
  billingAddress: Address.optional(),
  requestedDeliveryDate: IsoDate,
  promisedDeliveryDate: IsoDate.optional(),
  paymentTerms: PaymentTerms.default({ method: 'prepaid' }),
  priority: OrderPriority.default('normal'),
  notes: LongText.optional().describe('Internal and packing-slip notes'),
  specialRequirements: LongText.optional().describe('Shown on the packing slip'),
  discount: OrderDiscount.optional(),
  shippingCharge: MinorUnits.default(0).describe('Minor units, not taxed'),
  channel: OrderChannel.optional(),
});
export type CreateOrderRequest = z.infer<typeof CreateOrderRequest>;

export const OrderLine = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string().describe("The product's name when the order was placed"),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  taxRate: z.number().describe('Percent, from the product when the order was placed'),
  total: z.number().int().describe('quantity × unitPrice'),
  discount: z.number().int().describe("This line's share of the order discount"),
  tax: z.number().int().describe('(total − discount) × taxRate, rounded half up to minor units'),
  backordered: z.number().int().describe('Units reserved beyond the stock on hand (backorder products)'),
  makeToOrder: z.boolean(),
  shipped: z.number().int().describe('Units of this line shipped so far'),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const OrderTotals = z.object({
  subtotal: z.number().int(),
  discount: z.number().int(),
  tax: z.number().int(),
  shipping: z.number().int(),
  total: z.number().int().describe('subtotal − discount + tax + shipping'),
});
export type OrderTotals = z.infer<typeof OrderTotals>;

export const OrderAddress = z.object({
  name: z.string(),
  company: z.string().optional(),
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string(),
  phone: z.string().optional(),
});

export const ORDER_CHANGE_STATUSES = ['pending', 'approved', 'declined'] as const;

/** A priced edit of a confirmed order waiting for the customer's answer (or its recorded answer). */
export const OrderChange = z.object({
  id: z.string(),
  status: z.enum(ORDER_CHANGE_STATUSES),
  proposed: z.record(z.string(), z.unknown()).describe('The edit as requested (PATCH body)'),
  diff: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).describe('Field-level before → after, including lines and total'),
  totalBefore: z.number().int(),
  totalAfter: z.number().int(),
  requestedBy: z.object({ type: z.string(), id: z.string().nullable() }),
  decidedBy: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  note: z.string().nullable(),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
});
export type OrderChange = z.infer<typeof OrderChange>;

export const Order = z.object({
  id: z.string(),
  number: z.string().describe('Human order number SO-<year>-<6 digits>, gap-free per year'),
  status: OrderStatus,
  paymentStatus: PaymentStatus,
  customerId: z.string(),
  customerName: z.string().describe("The customer's name when the order was placed"),
  currency: z.string(),
  lines: z.array(OrderLine),
  totals: OrderTotals,
  shippingAddress: OrderAddress,
  billingAddress: OrderAddress.nullable(),
  priority: OrderPriority,
  requestedDeliveryDate: z.string(),
  promisedDeliveryDate: z.string().nullable(),
  paymentTerms: z.object({ method: z.enum(PAYMENT_METHODS), installments: z.number().int().optional(), netDays: z.number().int().optional() }),
  discount: OrderDiscount.nullable().describe('The discount as requested (fixed or percent)'),
  notes: z.string().nullable(),
  specialRequirements: z.string().nullable(),
  channel: OrderChannel,
  heldFrom: OrderStatus.nullable().describe('While on_hold: the state releasing the hold returns to'),
  pendingChange: OrderChange.nullable().describe('An edit waiting for the customer to approve or decline it; null when none'),
  balanceAdjustment: z.number().int().describe('Σ (total after − total before) of approved changes: positive = amount due from the customer, negative = refund due'),
  amountPaid: z.number().int().describe('Σ payments recorded (minor units)'),
  amountRefunded: z.number().int().describe('Σ refunds recorded (minor units)'),
  balanceDue: z.number().int().describe('max(0, amount due − (paid − refunded)); the amount due is the total, 0 once cancelled'),
  allowedTransitions: z.array(OrderStatus).describe('The targets the caller may choose now (state machine and role)'),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Order = z.infer<typeof Order>;

export const OrderSummary = z.object({
  id: z.string(),
  number: z.string(),
  status: OrderStatus,
  paymentStatus: PaymentStatus,
  customerId: z.string(),
  customerName: z.string(),
  currency: z.string(),
  total: z.number().int(),
  amountPaid: z.number().int(),
  amountRefunded: z.number().int(),
  balanceDue: z.number().int(),
  priority: OrderPriority,
  requestedDeliveryDate: z.string(),
  promisedDeliveryDate: z.string().nullable(),
  overdue: z.boolean().describe('The promised (else requested) delivery date has passed and the order is not delivered, completed or cancelled'),
  channel: OrderChannel,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type OrderSummary = z.infer<typeof OrderSummary>;

const DateOrTime = z.union([IsoDate, z.iso.datetime({ offset: true })]);

export const OrderListQuery = z.strictObject({
  status: OrderStatus.optional(),
  priority: OrderPriority.optional(),
  customerId: z.string().max(64).optional(),
  from: DateOrTime.optional().describe('Placed at or after (a date means from its start, UTC)'),
  to: DateOrTime.optional().describe('Placed at or before (a date means until its end, UTC)'),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  sort: z.enum(['newest', 'priority']).default('newest').describe('newest: newest first; priority: urgent first, then newest first'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;

export const TransitionRequest = z.strictObject({
  to: OrderStatus,
  reason: z.string().trim().min(1).max(1000).optional(),
});
export type TransitionRequest = z.infer<typeof TransitionRequest>;

const Nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

/**
 * `PATCH /orders/{id}`: every field optional; `lines` replaces the whole list (a SKU already on
 * the order keeps its placement price and tax rate unless `unitPrice` is given; a new SKU takes the
 * catalog price). `null` clears an optional field.
 */
export const UpdateOrderRequest = z.strictObject({
  lines: z.array(OrderLineInput).min(1, 'an order needs at least one line').max(500).optional(),
  shippingAddress: Address.optional(),
  billingAddress: Nullable(Address),
  requestedDeliveryDate: IsoDate.optional(),
  promisedDeliveryDate: Nullable(IsoDate),
  priority: OrderPriority.optional(),
  notes: Nullable(LongText),
  specialRequirements: Nullable(LongText),
});
export type UpdateOrderRequest = z.infer<typeof UpdateOrderRequest>;

export const ChangeDecisionRequest = z.strictObject({
  decision: z.enum(['approve', 'decline']),
  note: z.string().trim().min(1).max(1000).optional(),
});
export type ChangeDecisionRequest = z.infer<typeof ChangeDecisionRequest>;

export const ChangeParams = z.strictObject({ id: z.string().min(1).max(64), changeId: z.string().min(1).max(64) });

/** `If-Match` is required on edits: 428 if_match_required without it, 412 version_conflict when stale. */
export const OrderEditIfMatchHeaders = z.object({
  'if-match': z.string().max(100).optional().describe('"<version>" of the order you edited; required (428 if_match_required without it, 412 version_conflict when stale)'),
});

export const ORDER_EVENT_TYPES = [
  'placed',
  'status_changed',
  'changed',
  'change_requested',
  'change_approved',
  'change_declined',
  'payment_recorded',
  'refund_recorded',
  'shipment_created',
  'shipment_updated',
] as const;
export const OrderEvent = z.object({
  id: z.string(),
  type: z.enum(ORDER_EVENT_TYPES),
  at: Timestamp,
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable().describe('The staff user\'s name; null for API keys and the system') }),
  from: OrderStatus.nullable(),
  to: OrderStatus.nullable(),
  reason: z.string().nullable(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).describe('Field-level before → after'),
});
export type OrderEvent = z.infer<typeof OrderEvent>;

/** `If-Match` is optional on transitions: when sent and stale, 412 version_conflict. */
export const OrderIfMatchHeaders = z.object({
  'if-match': z.string().max(100).optional().describe('"<version>" of the order you looked at; optional, 412 version_conflict when stale'),
});

/** `GET /orders/{id}/documents/…pdf`: the document's language; default the customer's. */
export const OrderDocumentQuery = z.strictObject({
  locale: Locale.optional().describe("en or zh-CN; default: the customer's language"),
});
export type OrderDocumentQuery = z.infer<typeof OrderDocumentQuery>;
