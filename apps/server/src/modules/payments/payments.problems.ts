import type { Problem } from '@ordercare/contracts';
import { problem } from '../../platform/http/index.js';
import type { PaymentError } from './payment.js';

/** The one place payment outcomes become HTTP problems. Amounts are minor units of the order's currency. */
export function paymentProblem(e: PaymentError): Problem {
  switch (e.code) {
    case 'not_found':
      return problem(404, 'not_found', `No order with id ${e.id}.`);
    case 'overpayment':
      return problem(409, 'overpayment', `A payment of ${e.amount} is more than the balance due of ${e.balanceDue} (${e.currency} minor units) on order ${e.number}; nothing was recorded. Record at most ${e.balanceDue}.`, [
        { path: 'body.amount', message: `must be at most the balance due, ${e.balanceDue}` },
      ]);
    case 'refund_exceeds_paid':
      return problem(409, 'refund_exceeds_paid', `A refund of ${e.amount} is more than was paid less what was refunded, ${e.refundable} (${e.currency} minor units), on order ${e.number}; nothing was recorded. Refund at most ${e.refundable}.`, [
        { path: 'body.amount', message: `must be at most ${e.refundable}` },
      ]);
    case 'order_cancelled':
      return problem(409, 'order_cancelled', `Order ${e.number} is cancelled and owes nothing, so no payment can be recorded; refund what it paid instead.`);
    case 'provider_declined':
      return problem(402, 'payment_declined', `The payment provider ${e.provider} declined: ${e.message}. Nothing was recorded.`);
    default: {
      const never: never = e;
      return never;
    }
  }
}
