import { z } from 'zod';
import { Timestamp } from './common.js';
import { PaymentStatus } from './orders.js';

/** How a recorded payment reached us. `cod`: cash collected against the delivery. */
export const PAYMENT_RECORD_METHODS = ['bank_transfer', 'cash', 'cheque', 'card', 'cod', 'other'] as const;
export const PaymentMethod = z.enum(PAYMENT_RECORD_METHODS);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const PAYMENT_KINDS = ['payment', 'refund'] as const;
export const PaymentKind = z.enum(PAYMENT_KINDS);
export type PaymentKind = z.infer<typeof PaymentKind>;

const Amount = z
  .number()
  .int('must be a whole number of minor units (1999 = 19.99)')
  .min(1, 'must be at least 1 minor unit')
  .max(1_000_000_000_000_000, 'must be at most 10^15 minor units');
const Text = z.string().trim().max(500);

export const RecordPaymentRequest = z.strictObject({
  amount: Amount.describe("Minor units in the order's currency; at most the balance due (409 overpayment)"),
  method: PaymentMethod,
  reference: Text.min(1).optional().describe('Bank reference, cheque number, receipt number…'),
  note: Text.min(1).optional(),
});
export type RecordPaymentRequest = z.infer<typeof RecordPaymentRequest>;

export const RecordRefundRequest = z.strictObject({
  amount: Amount.describe('Minor units; at most what was paid less what was refunded (409 refund_exceeds_paid)'),
  reason: Text.min(1, 'is required: say why the money goes back').describe('Why the money goes back'),
  method: PaymentMethod.optional().describe('How the money goes back (default: bank_transfer)'),
  reference: Text.min(1).optional(),
});
export type RecordRefundRequest = z.infer<typeof RecordRefundRequest>;

export const Payment = z.object({
  id: z.string(),
  orderId: z.string(),
  kind: PaymentKind,
  amount: z.number().int(),
  currency: z.string(),
  method: PaymentMethod,
  provider: z.string().describe('The payment provider that recorded it; `manual` for offline payments recorded by staff'),
  reference: z.string().nullable(),
  reason: z.string().nullable().describe('Refunds: why the money went back'),
  note: z.string().nullable(),
  recordedBy: z.object({ type: z.string(), id: z.string().nullable() }),
  createdAt: Timestamp,
});
export type Payment = z.infer<typeof Payment>;

export const INSTALLMENT_STATES = ['due', 'paid', 'overdue'] as const;
export const InstallmentState = z.enum(INSTALLMENT_STATES);
export type InstallmentState = z.infer<typeof InstallmentState>;

export const Installment = z.object({
  number: z.number().int().describe('1-based'),
  dueDate: z.string(),
  amount: z.number().int(),
  paid: z.number().int().describe('Net payments allocated to it, oldest instalment first'),
  state: InstallmentState,
});
export type Installment = z.infer<typeof Installment>;

export const PaymentSummary = z.object({
  total: z.number().int().describe('Amount due: the order total (0 once cancelled)'),
  amountPaid: z.number().int(),
  amountRefunded: z.number().int(),
  balanceDue: z.number().int().describe('max(0, total − (paid − refunded))'),
  refundable: z.number().int().describe('paid − refunded'),
  paymentStatus: PaymentStatus,
  currency: z.string(),
});
export type PaymentSummary = z.infer<typeof PaymentSummary>;

export const OrderPayments = z.object({
  data: z.array(Payment).describe('Payments and refunds, oldest first'),
  nextCursor: z.string().nullable(),
  summary: PaymentSummary,
  installments: z.array(Installment).nullable().describe('Payment terms `installments` only'),
  dueDate: z.string().nullable().describe('Net terms: invoice date + netDays; null before the invoice and for other terms'),
  overdue: z.boolean().describe('An instalment or the net invoice is past due and unpaid'),
});
export type OrderPayments = z.infer<typeof OrderPayments>;
