import type { Payment } from '@ordercare/contracts';
import type { PaymentsTable } from '../../platform/db/schema.js';

/** Expected outcomes of payment commands; payments.problems.ts maps each to HTTP. */
export type PaymentError =
  | { code: 'not_found'; id: string }
  | { code: 'overpayment'; number: string; amount: number; balanceDue: number; currency: string }
  | { code: 'refund_exceeds_paid'; number: string; amount: number; refundable: number; currency: string }
  | { code: 'order_cancelled'; number: string }
  | { code: 'provider_declined'; provider: string; message: string };

export function toPayment(row: PaymentsTable): Payment {
  return {
    id: row.id,
    orderId: row.order_id,
    kind: row.kind as Payment['kind'],
    amount: row.amount,
    currency: row.currency,
    method: row.method as Payment['method'],
    provider: row.provider,
    reference: row.reference,
    reason: row.reason,
    note: row.note,
    recordedBy: { type: row.recorded_by_type, id: row.recorded_by_id },
    createdAt: row.created_at,
  };
}
