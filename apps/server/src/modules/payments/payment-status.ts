import type { Installment, InstallmentState, Order } from '@ordercare/contracts';
import { err, ok, type Result } from '../../platform/result.js';

export type PaymentStatus = Order['paymentStatus'];

/** What is owed and what moved, in minor units. `due` is the order total (0 once cancelled). */
export interface Amounts {
  due: number;
  paid: number;
  refunded: number;
}

/** paid − refunded: the money we hold for the order. */
export const netPaid = (a: Amounts): number => a.paid - a.refunded;
export const balanceDue = (a: Amounts): number => Math.max(0, a.due - netPaid(a));
export const refundable = (a: Amounts): number => netPaid(a);

/**
 * unpaid: nothing paid; partially_paid: 0 < paid < due and no refunds; paid: paid ≥ due and no
 * refunds; partially_refunded: refunds > 0 and refunded < paid; refunded: refunds > 0 and
 * refunded = paid.
 */
export function paymentStatusOf(a: Amounts): PaymentStatus {
  if (a.refunded > 0) return a.refunded >= a.paid ? 'refunded' : 'partially_refunded';
  if (a.paid <= 0) return 'unpaid';
  return a.paid >= a.due ? 'paid' : 'partially_paid';
}

export type AmountError =
  | { code: 'overpayment'; amount: number; balanceDue: number }
  | { code: 'refund_exceeds_paid'; amount: number; refundable: number }
  | { code: 'order_cancelled' };

export interface Decision {
  amounts: Amounts;
  status: PaymentStatus;
}

/** A payment of `amount` (> 0): at most the balance due; none once the order is cancelled. */
export function decidePayment(a: Amounts, amount: number, cancelled: boolean): Result<Decision, AmountError> {
  if (cancelled) return err({ code: 'order_cancelled' });
  const balance = balanceDue(a);
  if (amount > balance) return err({ code: 'overpayment', amount, balanceDue: balance });
  const amounts = { ...a, paid: a.paid + amount };
  return ok({ amounts, status: paymentStatusOf(amounts) });
}

/** A refund of `amount` (> 0): at most paid − refunded. */
export function decideRefund(a: Amounts, amount: number): Result<Decision, AmountError> {
  const most = refundable(a);
  if (amount > most) return err({ code: 'refund_exceeds_paid', amount, refundable: most });
  const amounts = { ...a, refunded: a.refunded + amount };
  return ok({ amounts, status: paymentStatusOf(amounts) });
}

/** `YYYY-MM-DD` plus `months`, the day clamped to the month's last (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * N instalments of the amount due: equal floors, the remainder cents on the last; the first due on
 * the placement date, then one a month. Recomputed from the current total, so an approved change
 * re-spreads the amounts over the same dates.
 */
export function installmentPlan(due: number, count: number, placedOn: string): { number: number; dueDate: string; amount: number }[] {
  const n = Math.max(1, Math.floor(count));
  const each = Math.floor(due / n);
  return Array.from({ length: n }, (_, i) => ({ number: i + 1, dueDate: addMonths(placedOn, i), amount: i === n - 1 ? due - each * (n - 1) : each }));
}

/** Net payments allocated oldest instalment first; unpaid after its due date (before `today`) is overdue. */
export function installmentStates(plan: readonly { number: number; dueDate: string; amount: number }[], paidNet: number, today: string): Installment[] {
  let left = Math.max(0, paidNet);
  return plan.map((p) => {
    const paid = Math.min(left, p.amount);
    left -= paid;
    const state: InstallmentState = paid >= p.amount ? 'paid' : p.dueDate < today ? 'overdue' : 'due';
    return { ...p, paid, state };
  });
}

/** Net terms: due `netDays` after the invoice's issue date; null before the invoice. */
export const netDueDate = (invoicedAt: string | null, netDays: number): string | null => (invoicedAt ? addDays(invoicedAt.slice(0, 10), netDays) : null);

/** The facts of an order the schedule is computed from (modules/orders `OrderPaymentFacts`). */
export interface ScheduleFacts {
  status: string;
  total: number;
  currency: string;
  paymentTerms: { method: string; installments?: number | undefined; netDays?: number | undefined };
  placedAt: string;
  invoicedAt: string | null;
  amountPaid: number;
  amountRefunded: number;
}

export const amountsOf = (f: ScheduleFacts): Amounts => ({ due: f.status === 'cancelled' ? 0 : f.total, paid: f.amountPaid, refunded: f.amountRefunded });

/** Summary, instalment states and the net due date of an order on `today` (YYYY-MM-DD). */
export function paymentPosition(f: ScheduleFacts, today: string) {
  const a = amountsOf(f);
  const summary = { total: a.due, amountPaid: a.paid, amountRefunded: a.refunded, balanceDue: balanceDue(a), refundable: refundable(a), paymentStatus: paymentStatusOf(a), currency: f.currency };
  const terms = f.paymentTerms;
  const installments = terms.method === 'installments' && f.status !== 'cancelled' ? installmentStates(installmentPlan(a.due, terms.installments ?? 1, f.placedAt.slice(0, 10)), netPaid(a), today) : null;
  const dueDate = terms.method === 'net' ? netDueDate(f.invoicedAt, terms.netDays ?? 0) : null;
  const overdue = (installments?.some((i) => i.state === 'overdue') ?? false) || (dueDate !== null && dueDate < today && summary.balanceDue > 0);
  return { summary, installments, dueDate, overdue };
}
