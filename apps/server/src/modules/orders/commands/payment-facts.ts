import type { Order, PaymentTerms } from '@ordercare/contracts';
import type { Executor } from '../../../platform/db/index.js';
import type { OrdersTable } from '../../../platform/db/schema.js';
import type { OrderStatus } from '../order-status.js';
import * as repo from '../order.repo.js';

/** What the payments module needs to know about an order (it never reads the orders table itself). */
export interface OrderPaymentFacts {
  orderId: string;
  number: string;
  customerId: string;
  status: OrderStatus;
  currency: string;
  total: number;
  paymentTerms: PaymentTerms;
  /** ISO timestamp of placement; its UTC date starts an instalment plan. */
  placedAt: string;
  /** ISO timestamp of the invoice's first issue, or null. */
  invoicedAt: string | null;
  amountPaid: number;
  amountRefunded: number;
  paymentStatus: Order['paymentStatus'];
  version: number;
}

export function paymentFactsOf(row: OrdersTable, invoicedAt: string | null): OrderPaymentFacts {
  return {
    orderId: row.id,
    number: row.number,
    customerId: row.customer_id,
    status: row.status as OrderStatus,
    currency: row.currency,
    total: row.total,
    paymentTerms: JSON.parse(row.payment_terms) as PaymentTerms,
    placedAt: row.created_at,
    invoicedAt,
    amountPaid: row.paid_total,
    amountRefunded: row.refunded_total,
    paymentStatus: row.payment_status as Order['paymentStatus'],
    version: row.version,
  };
}

/** The order's payment facts, or undefined when there is no such order. */
export async function orderPaymentFacts(db: Executor, orderId: string): Promise<OrderPaymentFacts | undefined> {
  const row = await repo.findOrderRow(db, orderId);
  if (!row) return undefined;
  return paymentFactsOf(row, (await repo.findInvoice(db, orderId))?.issued_at ?? null);
}
