import type { FulfilmentQueueItem, FulfilmentQueueQuery, OrderPriority, OrderStatus, PaymentTerms } from '@ordercare/contracts';
import type { Executor } from '../../../platform/db/index.js';
import { decodeCursor, encodeCursor } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { isOverdue } from '../order.js';
import { SHIPPABLE_STATUSES } from './record-shipment.js';

type Position = { rank: number; due: string; id: string };

function decodePosition(cursor: string | undefined): Position | undefined | null {
  if (!cursor) return undefined;
  try {
    const v: unknown = JSON.parse(decodeCursor(cursor) ?? '');
    if (Array.isArray(v) && v.length === 3 && typeof v[0] === 'number' && typeof v[1] === 'string' && typeof v[2] === 'string') return { rank: v[0], due: v[1], id: v[2] };
  } catch {
    // fall through
  }
  return null;
}

/**
 * The warehouse work queue (`GET /fulfilment/queue`): orders that may ship (confirmed,
 * ready_to_ship, partially_shipped) with units left to ship, urgent first, then the earliest
 * promised (else requested) date, then oldest. Keyset cursor `[rank, due, id]`.
 */
export async function fulfilmentQueue(
  db: Executor,
  query: FulfilmentQueueQuery,
  today: string,
): Promise<Result<{ data: FulfilmentQueueItem[]; nextCursor: string | null }, { code: 'invalid_cursor' }>> {
  const after = decodePosition(query.cursor);
  if (after === null) return err({ code: 'invalid_cursor' });
  let q = db
    .selectFrom('orders')
    .selectAll()
    .where('status', 'in', [...SHIPPABLE_STATUSES])
    .where((eb) => eb.exists(eb.selectFrom('order_lines').select('order_lines.id').whereRef('order_lines.order_id', '=', 'orders.id').whereRef('order_lines.shipped', '<', 'order_lines.quantity')))
    .orderBy('priority_rank', 'desc')
    .orderBy('due_date', 'asc')
    .orderBy('id', 'asc')
    .limit(query.limit + 1);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('priority_rank', '<', after.rank),
        eb.and([eb('priority_rank', '=', after.rank), eb.or([eb('due_date', '>', after.due), eb.and([eb('due_date', '=', after.due), eb('id', '>', after.id)])])]),
      ]),
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const lines = page.length ? await db.selectFrom('order_lines').select(['order_id', 'quantity', 'shipped']).where('order_id', 'in', page.map((r) => r.id)).execute() : [];
  const data = page.map((r): FulfilmentQueueItem => {
    const open = lines.filter((l) => l.order_id === r.id && l.shipped < l.quantity);
    const terms = JSON.parse(r.payment_terms) as PaymentTerms;
    return {
      orderId: r.id,
      number: r.number,
      status: r.status as OrderStatus,
      priority: r.priority as OrderPriority,
      customerName: r.customer_name,
      dueDate: r.due_date,
      overdue: isOverdue(r, today),
      paymentStatus: r.payment_status as FulfilmentQueueItem['paymentStatus'],
      paymentMethod: terms.method,
      awaitingPayment: terms.method === 'prepaid' && (r.payment_status === 'unpaid' || r.payment_status === 'partially_paid'),
      linesRemaining: open.length,
      unitsRemaining: open.reduce((s, l) => s + (l.quantity - l.shipped), 0),
    };
  });
  const last = page[page.length - 1];
  return ok({ data, nextCursor: rows.length > query.limit && last ? encodeCursor(JSON.stringify([last.priority_rank, last.due_date, last.id])) : null });
}
