import type { Order, OrderChange, OrderDiscount, OrderEvent, OrderLine, OrderPriority, OrderSummary, PaymentTerms, StaffRole } from '@ordercare/contracts';
import type { FieldError } from '../../platform/http/index.js';
import type { OrderChangesTable, OrderEventsTable, OrderLinesTable, OrdersTable } from '../../platform/db/schema.js';
import type { InventoryError, ShortLine } from '../inventory/index.js';
import { allowedTransitions, allowedTransitionsFor, type OrderFacts, type OrderStatus } from './order-status.js';

/** Expected outcomes of order commands; orders.problems.ts maps each to HTTP. */
export type OrderError =
  | { code: 'invalid'; errors: FieldError[] }
  | { code: 'not_found'; id: string }
  | { code: 'insufficient_stock'; lines: ShortLine[]; edit?: boolean }
  | { code: 'invalid_transition'; number: string; from: OrderStatus; to: OrderStatus; allowed: OrderStatus[] }
  | { code: 'system_only'; number: string; to: OrderStatus; allowed: OrderStatus[] }
  | { code: 'transition_forbidden'; number: string; role: StaffRole; to: OrderStatus; roles: readonly StaffRole[] }
  | { code: 'version_conflict'; id: string; current: number }
  | { code: 'if_match_required' }
  | { code: 'order_not_editable'; number: string; status: OrderStatus; shipped: boolean }
  | { code: 'change_pending'; number: string; changeId: string }
  | { code: 'change_not_found'; orderId: string; changeId: string }
  | { code: 'change_decided'; changeId: string; status: string }
  | { code: 'invoice_not_issued'; number: string }
  | { code: 'inventory'; error: InventoryError };

/** Work queues list urgent orders first. */
export const PRIORITY_RANK: Record<OrderPriority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** Statuses after which a late delivery date no longer makes an order overdue. */
export const SETTLED: readonly OrderStatus[] = ['delivered', 'completed', 'cancelled'];

export const factsOf = (row: Pick<OrdersTable, 'status' | 'held_from' | 'shipped_anything'>): OrderFacts => ({
  status: row.status as OrderStatus,
  heldFrom: row.held_from as OrderStatus | null,
  anythingShipped: row.shipped_anything === 1,
});

/** Overdue: the promised (else requested) date is before `today` and the order is still open. */
export const isOverdue = (row: Pick<OrdersTable, 'due_date' | 'status'>, today: string): boolean => row.due_date < today && !SETTLED.includes(row.status as OrderStatus);

/** Paid, refunded and the balance due (the total, 0 once cancelled, less paid − refunded); modules/payments has the rules. */
export const paymentAmounts = (row: Pick<OrdersTable, 'status' | 'total' | 'paid_total' | 'refunded_total'>) => ({
  amountPaid: row.paid_total,
  amountRefunded: row.refunded_total,
  balanceDue: Math.max(0, (row.status === 'cancelled' ? 0 : row.total) - (row.paid_total - row.refunded_total)),
});

/** Who is looking: the targets shown are narrowed to what their role may choose. */
export type Viewer = { role: StaffRole } | { role: null };

export function toOrderLine(l: OrderLinesTable): OrderLine {
  return {
    id: l.id,
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    unitPrice: l.unit_price,
    taxRate: l.tax_rate_bp / 100,
    total: l.total,
    discount: l.discount,
    tax: l.tax,
    backordered: l.backordered,
    makeToOrder: l.make_to_order === 1,
    shipped: l.shipped,
  };
}

export function toOrderChange(c: OrderChangesTable): OrderChange {
  return {
    id: c.id,
    status: c.status as OrderChange['status'],
    proposed: JSON.parse(c.proposed) as OrderChange['proposed'],
    diff: JSON.parse(c.diff) as OrderChange['diff'],
    totalBefore: c.total_before,
    totalAfter: c.total_after,
    requestedBy: { type: c.requested_by_type, id: c.requested_by_id },
    decidedBy: c.decided_by_type ? { type: c.decided_by_type, id: c.decided_by_id } : null,
    note: c.note,
    createdAt: c.created_at,
    decidedAt: c.decided_at,
  };
}

export function toOrder(row: OrdersTable, lines: readonly OrderLinesTable[], viewer: Viewer, pending: OrderChangesTable | null = null): Order {
  const facts = factsOf(row);
  return {
    id: row.id,
    number: row.number,
    status: facts.status,
    paymentStatus: row.payment_status as Order['paymentStatus'],
    customerId: row.customer_id,
    customerName: row.customer_name,
    currency: row.currency,
    lines: lines.map(toOrderLine),
    totals: { subtotal: row.subtotal, discount: row.discount_total, tax: row.tax_total, shipping: row.shipping, total: row.total },
    shippingAddress: JSON.parse(row.shipping_address) as Order['shippingAddress'],
    billingAddress: row.billing_address ? (JSON.parse(row.billing_address) as Order['shippingAddress']) : null,
    priority: row.priority as OrderPriority,
    requestedDeliveryDate: row.requested_delivery_date,
    promisedDeliveryDate: row.promised_delivery_date,
    paymentTerms: JSON.parse(row.payment_terms) as PaymentTerms,
    discount: row.discount ? (JSON.parse(row.discount) as OrderDiscount) : null,
    notes: row.notes,
    specialRequirements: row.special_requirements,
    channel: row.channel as Order['channel'],
    heldFrom: facts.heldFrom,
    pendingChange: pending ? toOrderChange(pending) : null,
    balanceAdjustment: row.adjustment_total,
    ...paymentAmounts(row),
    allowedTransitions: viewer.role ? allowedTransitionsFor(facts, viewer.role) : allowedTransitions(facts),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toOrderSummary(row: OrdersTable, today: string): OrderSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status as OrderStatus,
    paymentStatus: row.payment_status as OrderSummary['paymentStatus'],
    customerId: row.customer_id,
    customerName: row.customer_name,
    currency: row.currency,
    total: row.total,
    ...paymentAmounts(row),
    priority: row.priority as OrderPriority,
    requestedDeliveryDate: row.requested_delivery_date,
    promisedDeliveryDate: row.promised_delivery_date,
    overdue: isOverdue(row, today),
    channel: row.channel as OrderSummary['channel'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toOrderEvent(e: OrderEventsTable, actorName: string | null): OrderEvent {
  return {
    id: e.id,
    type: e.type as OrderEvent['type'],
    at: e.at,
    actor: { type: e.actor_type, id: e.actor_id, name: actorName },
    from: e.from_status as OrderStatus | null,
    to: e.to_status as OrderStatus | null,
    reason: e.reason,
    changes: JSON.parse(e.changes) as OrderEvent['changes'],
  };
}

/** Cross-field rules of the payment terms (zod checks each field alone). */
export function paymentTermsIssues(terms: PaymentTerms): FieldError[] {
  const issues: FieldError[] = [];
  const need = (field: 'installments' | 'netDays', wanted: boolean, why: string) => {
    if (wanted && terms[field] === undefined) issues.push({ path: `body.paymentTerms.${field}`, message: `is required when the method is ${terms.method}` });
    if (!wanted && terms[field] !== undefined) issues.push({ path: `body.paymentTerms.${field}`, message: `applies only to the method ${why}; remove it` });
  };
  need('installments', terms.method === 'installments', 'installments');
  need('netDays', terms.method === 'net', 'net');
  return issues;
}
