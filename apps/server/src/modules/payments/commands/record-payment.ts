import type { Payment, PaymentMethod } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import type { PaymentsTable } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { applyPaymentToOrder } from '../../orders/index.js';
import { toPayment, type PaymentError } from '../payment.js';
import { amountsOf, balanceDue, decidePayment } from '../payment-status.js';
import * as repo from '../payments.repo.js';

export interface RecordOptions {
  requestId?: string | undefined;
  /** The provider that settled it (default `manual`). */
  provider?: string | undefined;
}

/**
 * Records a payment received for an order in the caller's transaction: the orders module locks the
 * order row and applies it only when it is at most the balance due (409 overpayment otherwise, and
 * nothing once the order is cancelled), then the payment row, the audit entry and the
 * `payment.recorded` event. The shipments module calls this for cash on delivery (method `cod`).
 */
export async function recordPayment(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'ops'>,
  actor: Actor,
  orderId: string,
  input: { amount: number; method: PaymentMethod; reference?: string | undefined; note?: string | undefined },
  options: RecordOptions = {},
): Promise<Result<Payment, PaymentError>> {
  const applied = await applyPaymentToOrder<PaymentError>(tx, deps, actor, orderId, { kind: 'payment', amount: input.amount, reason: input.reference ?? null }, (facts) => {
    const decision = decidePayment(amountsOf(facts), input.amount, facts.status === 'cancelled');
    if (decision.ok) return ok(decision.value.status);
    const e = decision.error;
    if (e.code === 'overpayment') return err({ code: 'overpayment', number: facts.number, amount: e.amount, balanceDue: e.balanceDue, currency: facts.currency });
    return err({ code: 'order_cancelled', number: facts.number });
  });
  if (!applied.ok) return applied;
  const { after } = applied.value;

  const now = deps.clock.now().toISOString();
  const row: PaymentsTable = {
    id: newId('pay'),
    order_id: orderId,
    kind: 'payment',
    amount: input.amount,
    currency: after.currency,
    method: input.method,
    provider: options.provider ?? 'manual',
    reference: input.reference ?? null,
    reason: null,
    note: input.note ?? null,
    recorded_by_type: actor.type,
    recorded_by_id: actor.id,
    created_at: now,
  };
  await repo.insertPayment(tx, row);
  const position = { amountPaid: after.amountPaid, amountRefunded: after.amountRefunded, balanceDue: balanceDue(amountsOf(after)), paymentStatus: after.paymentStatus };
  await recordAudit(tx, {
    actor,
    action: 'payment.recorded',
    entityType: 'order',
    entityId: orderId,
    before: { amountPaid: applied.value.before.amountPaid, paymentStatus: applied.value.before.paymentStatus },
    after: { payment: row.id, amount: row.amount, method: row.method, reference: row.reference, amountPaid: after.amountPaid, paymentStatus: after.paymentStatus },
    at: now,
    requestId: options.requestId,
  });
  await emitEvent(tx, now, {
    type: 'payment.recorded',
    aggregateType: 'order',
    aggregateId: orderId,
    payload: { orderId, customerId: after.customerId, number: after.number, paymentId: row.id, amount: row.amount, currency: row.currency, method: row.method, provider: row.provider, reference: row.reference, ...position, actor },
  });
  return ok(toPayment(row));
}
