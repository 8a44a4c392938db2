/** Row types of the tables owned by modules/orders. */
export interface OrdersTable {
  id: string;
  number: string; // SO-2026-000123
  status: string;
  held_from: string | null;
  payment_status: string;
  customer_id: string;
  customer_name: string; // the name when the order was placed
  currency: string;
  subtotal: number;
  discount_total: number;
  tax_total: number;
  shipping: number;
  total: number;
  discount: string | null; // JSON OrderDiscount as requested
  priority: string;
  priority_rank: number; // low 0 … urgent 3, for the work-queue order
  requested_delivery_date: string;
  promised_delivery_date: string | null;
  due_date: string; // promised, else requested: what "overdue" compares
  payment_terms: string; // JSON PaymentTerms
  shipping_address: string; // JSON Address
  billing_address: string | null;
  notes: string | null;
  special_requirements: string | null;
  channel: string;
  shipped_anything: number; // 1 once any quantity shipped: cancellation is refused from then on
  adjustment_total: number; // Σ (after − before) of approved changes: > 0 due from the customer, < 0 refund due
  paid_total: number; // Σ payments (modules/payments records them through applyPaymentToOrder)
  refunded_total: number; // Σ refunds
  version: number;
  created_by_type: string;
  created_by_id: string | null;
  created_at: string;
  updated_at: string;
}
export interface OrderLinesTable {
  id: string;
  order_id: string;
  position: number;
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  unit_price: number;
  tax_rate_bp: number;
  total: number;
  discount: number;
  tax: number;
  backordered: number;
  make_to_order: number;
  shipped: number;
}
export interface OrderEventsTable {
  id: string;
  order_id: string;
  type: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  changes: string; // JSON { field: { from, to } }
}
export interface OrderNumberSequencesTable {
  year: number;
  last: number;
}
/** The invoice number an order got the first time its invoice was generated; never changes. */
export interface OrderInvoicesTable {
  order_id: string;
  number: string; // INV-2026-000001
  issued_at: string;
}
/** A priced edit of a confirmed order waiting for (or decided by) the customer. */
export interface OrderChangesTable {
  id: string;
  order_id: string;
  status: string; // pending | approved | declined
  proposed: string; // JSON UpdateOrderRequest
  diff: string; // JSON { field: { from, to } }
  total_before: number;
  total_after: number;
  requested_by_type: string;
  requested_by_id: string | null;
  decided_by_type: string | null;
  decided_by_id: string | null;
  note: string | null;
  created_at: string;
  decided_at: string | null;
}
