import type { Order } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import type { OrdersTable } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';
import { err, ok, type Result } from '../../../platform/result.js';
import * as repo from '../order.repo.js';
import { paymentFactsOf, type OrderPaymentFacts } from './payment-facts.js';

export interface PaymentMovement {
  kind: 'payment' | 'refund';
  /** Minor units, > 0. */
  amount: number;
  /** Shown as the history row's reason: the payment's reference, the refund's reason. */
  reason: string | null;
}

/**
 * Applies a payment or refund to the order's running sums in the caller's transaction: locks the
 * row (PostgreSQL FOR UPDATE), lets `decide` (the payments module's pure rules) check the facts as
 * they are under the lock and choose the new payment status, then saves paid/refunded/status with
 * version + 1 and writes the history row `payment_recorded` / `refund_recorded`. Because the check
 * runs under the lock, concurrent payments can never together exceed the balance.
 */
export async function applyPaymentToOrder<E>(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'ops'>,
  actor: Actor,
  orderId: string,
  movement: PaymentMovement,
  decide: (facts: OrderPaymentFacts) => Result<Order['paymentStatus'], E>,
): Promise<Result<{ before: OrderPaymentFacts; after: OrderPaymentFacts }, E | { code: 'not_found'; id: string }>> {
  if (!Number.isSafeInteger(movement.amount) || movement.amount <= 0) throw new Error(`payment amount must be a positive integer, got ${movement.amount}`);
  const row = await repo.lockOrderRow(tx, deps.ops, orderId);
  if (!row) return err({ code: 'not_found', id: orderId });
  const invoicedAt = (await repo.findInvoice(tx, orderId))?.issued_at ?? null;
  const before = paymentFactsOf(row, invoicedAt);
  const decided = decide(before);
  if (!decided.ok) return decided;

  const now = deps.clock.now().toISOString();
  const refund = movement.kind === 'refund';
  const next: OrdersTable = {
    ...row,
    paid_total: row.paid_total + (refund ? 0 : movement.amount),
    refunded_total: row.refunded_total + (refund ? movement.amount : 0),
    payment_status: decided.value,
    version: row.version + 1,
    updated_at: now,
  };
  if (next.refunded_total > next.paid_total) throw new Error(`order ${orderId}: refunds would exceed payments`);
  if (!(await repo.updateOrder(tx, row.version, next))) throw new Error(`order ${orderId} changed while locked`);
  const changes = refund
    ? { amountRefunded: { from: row.refunded_total, to: next.refunded_total } }
    : { amountPaid: { from: row.paid_total, to: next.paid_total } };
  const statusChange = row.payment_status === next.payment_status ? {} : { paymentStatus: { from: row.payment_status, to: next.payment_status } };
  await repo.insertOrderEvent(tx, {
    id: newId('oev'),
    order_id: orderId,
    type: refund ? 'refund_recorded' : 'payment_recorded',
    at: now,
    actor_type: actor.type,
    actor_id: actor.id,
    from_status: null,
    to_status: null,
    reason: movement.reason,
    changes: JSON.stringify({ ...changes, ...statusChange }),
  });
  return ok({ before, after: paymentFactsOf(next, invoicedAt) });
}
