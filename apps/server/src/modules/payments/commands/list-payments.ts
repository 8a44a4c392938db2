import type { OrderPayments, PageQuery } from '@ordercare/contracts';
import type { Executor } from '../../../platform/db/index.js';
import { decodeCursor, encodeCursor } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { orderPaymentFacts } from '../../orders/index.js';
import { toPayment, type PaymentError } from '../payment.js';
import { paymentPosition } from '../payment-status.js';
import * as repo from '../payments.repo.js';

/** An order's payments and refunds (oldest first), its summary, instalment states and net due date on `today`. */
export async function listPayments(db: Executor, orderId: string, page: PageQuery, today: string): Promise<Result<OrderPayments, PaymentError>> {
  const facts = await orderPaymentFacts(db, orderId);
  if (!facts) return err({ code: 'not_found', id: orderId });
  const rows = await repo.paymentsOf(db, orderId, page.limit, decodeCursor(page.cursor));
  const data = rows.slice(0, page.limit);
  return ok({
    data: data.map(toPayment),
    nextCursor: rows.length > page.limit ? encodeCursor(data[data.length - 1]!.id) : null,
    ...paymentPosition(facts, today),
  });
}
