import type { Payment, RecordRefundRequest } from '@ordercare/contracts';
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
import { amountsOf, balanceDue, decideRefund } from '../payment-status.js';
import * as repo from '../payments.repo.js';

/**
 * Records money paid back in the caller's transaction: at most paid − refunded (409
 * refund_exceeds_paid otherwise, nothing written). Cancelled orders owe nothing, so everything
 * still held is refundable. Then the refund row, the audit entry and `refund.recorded`.
 */
export async function recordRefund(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'ops'>,
  actor: Actor,
  orderId: string,
  input: RecordRefundRequest,
  options: { requestId?: string | undefined; provider?: string | undefined } = {},
): Promise<Result<Payment, PaymentError>> {
  const applied = await applyPaymentToOrder<PaymentError>(tx, deps, actor, orderId, { kind: 'refund', amount: input.amount, reason: input.reason }, (facts) => {
    const decision = decideRefund(amountsOf(facts), input.amount);
    if (decision.ok) return ok(decision.value.status);
    const e = decision.error;
    if (e.code === 'refund_exceeds_paid') return err({ code: 'refund_exceeds_paid', number: facts.number, amount: e.amount, refundable: e.refundable, currency: facts.currency });
    throw new Error(`unexpected refund decision ${e.code}`);
  });
  if (!applied.ok) return applied;
  const { before, after } = applied.value;

  const now = deps.clock.now().toISOString();
  const row: PaymentsTable = {
    id: newId('pay'),
    order_id: orderId,
    kind: 'refund',
    amount: input.amount,
    currency: after.currency,
    method: input.method ?? 'bank_transfer',
    provider: options.provider ?? 'manual',
    reference: input.reference ?? null,
    reason: input.reason,
    note: null,
    recorded_by_type: actor.type,
    recorded_by_id: actor.id,
    created_at: now,
  };
  await repo.insertPayment(tx, row);
  await recordAudit(tx, {
    actor,
    action: 'refund.recorded',
    entityType: 'order',
    entityId: orderId,
    before: { amountRefunded: before.amountRefunded, paymentStatus: before.paymentStatus },
    after: { refund: row.id, amount: row.amount, reason: row.reason, amountRefunded: after.amountRefunded, paymentStatus: after.paymentStatus },
    at: now,
    requestId: options.requestId,
  });
  await emitEvent(tx, now, {
    type: 'refund.recorded',
    aggregateType: 'order',
    aggregateId: orderId,
    payload: {
      orderId,
      customerId: after.customerId,
      number: after.number,
      paymentId: row.id,
      amount: row.amount,
      currency: row.currency,
      method: row.method,
      reason: row.reason,
      amountPaid: after.amountPaid,
      amountRefunded: after.amountRefunded,
      balanceDue: balanceDue(amountsOf(after)),
      paymentStatus: after.paymentStatus,
      actor,
    },
  });
  return ok(toPayment(row));
}
