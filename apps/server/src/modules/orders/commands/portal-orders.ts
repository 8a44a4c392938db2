import type { PortalOrder, PortalOrderListQuery, PortalOrderSummary } from '@ordercare/contracts';
import type { Executor } from '../../../platform/db/index.js';
import { decodeCursor, encodeCursor } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { SETTLED, toOrderSummary, type OrderError } from '../order.js';
import * as repo from '../order.repo.js';
import { getOrder } from './get-order.js';

/**
 * The portal's view of orders: only the signed-in customer's, and without what is internal (staff
 * notes, priority, channel, journey actions). Another customer's order is "not found", never
 * "forbidden", so ids cannot be probed.
 */
export async function getCustomerOrder(db: Executor, customerId: string, id: string): Promise<PortalOrder | undefined> {
  const order = await getOrder(db, id);
  if (!order || order.customerId !== customerId) return undefined;
  const { notes: _notes, priority: _priority, channel: _channel, allowedTransitions: _allowed, ...visible } = order;
  const change = visible.pendingChange;
  const pendingChange = change && { ...change, diff: withoutInternal(change.diff), proposed: withoutInternal(change.proposed) };
  return { ...visible, pendingChange, invoiceAvailable: (await repo.findInvoice(db, id)) !== undefined };
}

/** Staff-only fields of an order (and of a change to it). */
const INTERNAL = new Set(['notes', 'priority']);

function withoutInternal<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !INTERNAL.has(key))) as T;
}

/** The customer's orders, newest first, optionally by status. */
export async function listCustomerOrders(
  db: Executor,
  customerId: string,
  query: PortalOrderListQuery,
  today: string,
): Promise<Result<{ data: PortalOrderSummary[]; nextCursor: string | null }, OrderError>> {
  let after: string | undefined;
  if (query.cursor) {
    const decoded = decodeCursor(query.cursor);
    if (!decoded?.startsWith('ord_')) return err({ code: 'invalid', errors: [{ path: 'query.cursor', message: 'is not a cursor this list returned; start again without it' }] });
    after = decoded;
  }
  const rows = await repo.listOrderRows(db, { customerId, status: query.status, settled: SETTLED }, 'newest', query.limit, after === undefined ? undefined : { sort: 'newest', id: after });
  const page = rows.slice(0, query.limit);
  const pending = await repo.ordersWithPendingChange(db, page.map((r) => r.id));
  const data = page.map((row): PortalOrderSummary => {
    const { priority: _priority, channel: _channel, customerId: _customerId, customerName: _customerName, ...visible } = toOrderSummary(row, today);
    return { ...visible, changePending: pending.has(row.id) };
  });
  const last = page[page.length - 1];
  return ok({ data, nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null });
}
