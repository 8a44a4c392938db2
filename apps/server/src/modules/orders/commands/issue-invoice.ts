import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import { inTransaction } from '../../../platform/db/index.js';
import type { OrderInvoicesTable } from '../../../platform/db/schema.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { nextDocumentNumber } from '../../settings/index.js';
import type { OrderError } from '../order.js';
import * as repo from '../order.repo.js';

export interface OrderInvoice {
  number: string;
  /** ISO timestamp of the first generation; its UTC date is the invoice's issue date. */
  issuedAt: string;
}

const toInvoice = (row: OrderInvoicesTable): OrderInvoice => ({ number: row.number, issuedAt: row.issued_at });

/**
 * The order's invoice number: the stored one, or, the first time, the next `INV-<year>-…` from
 * settings' gap-free counter, stored with the order in one short transaction that also records
 * the audit entry and the `invoice.issued` event. When concurrent first requests race, the insert
 * of the loser conflicts on `order_id`: its transaction rolls back (giving its number back to the
 * counter) and it reads the winner's row. So an order has exactly one number and the sequence no
 * gap. No rendering or other I/O happens here.
 */
export async function issueInvoice(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, orderId: string, requestId?: string): Promise<Result<OrderInvoice, OrderError>> {
  const stored = await repo.findInvoice(deps.db, orderId);
  if (stored) return ok(toInvoice(stored));

  const result = await inTransaction<OrderInvoice, OrderError | { code: 'lost_race' }>(deps.db, async (tx) => {
    const order = await repo.findOrderRow(tx, orderId);
    if (!order) return err({ code: 'not_found', id: orderId });
    const existing = await repo.findInvoice(tx, orderId);
    if (existing) return ok(toInvoice(existing));

    const now = deps.clock.now();
    const issuedAt = now.toISOString();
    const number = await nextDocumentNumber(tx, 'invoice', now.getUTCFullYear());
    const row = await repo.insertInvoiceIfAbsent(tx, { order_id: orderId, number, issued_at: issuedAt });
    if (!row) return err({ code: 'lost_race' });

    await recordAudit(tx, { actor, action: 'invoice.issued', entityType: 'order', entityId: orderId, after: { invoiceNumber: number, issuedAt }, at: issuedAt, requestId });
    await emitEvent(tx, issuedAt, {
      type: 'invoice.issued',
      aggregateType: 'order',
      aggregateId: orderId,
      payload: { orderId, customerId: order.customer_id, number: order.number, invoiceNumber: number, issuedAt, total: order.total, currency: order.currency, actor },
    });
    return ok(toInvoice(row));
  });
  if (result.ok) return result;
  if (result.error.code !== 'lost_race') return err(result.error);
  const winner = await repo.findInvoice(deps.db, orderId);
  if (!winner) throw new Error(`order ${orderId}: invoice insert conflicted but no invoice row is visible`);
  return ok(toInvoice(winner));
}
