import type { Order, OrderEvent, PageQuery } from '@ordercare/contracts';
import type { Executor } from '../../../platform/db/index.js';
import { decodeCursor, encodeCursor } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { staffUsersById } from '../../identity/index.js';
import { toOrder, toOrderEvent, type OrderError, type Viewer } from '../order.js';
import * as repo from '../order.repo.js';

/** One order with its lines; `allowedTransitions` narrowed to the viewer's role. Undefined when unknown. */
export async function getOrder(db: Executor, id: string, viewer: Viewer = { role: null }): Promise<Order | undefined> {
  const row = await repo.findOrderRow(db, id);
  if (!row) return undefined;
  return toOrder(row, await repo.linesOf(db, id), viewer, (await repo.pendingChangeOf(db, id)) ?? null);
}

/** The order's history, oldest first: who, when, from → to, reason and the field changes. */
export async function orderHistory(db: Executor, id: string, page: PageQuery): Promise<Result<{ data: OrderEvent[]; nextCursor: string | null }, OrderError>> {
  if (!(await repo.findOrderRow(db, id))) return err({ code: 'not_found', id });
  const rows = await repo.eventsOf(db, id, page.limit, decodeCursor(page.cursor));
  const data = rows.slice(0, page.limit);
  const users = await staffUsersById(db, data.flatMap((e) => (e.actor_type === 'user' && e.actor_id ? [e.actor_id] : [])));
  return ok({
    data: data.map((e) => toOrderEvent(e, e.actor_type === 'user' && e.actor_id ? (users.get(e.actor_id)?.name ?? null) : null)),
    nextCursor: rows.length > page.limit ? encodeCursor(data[data.length - 1]!.id) : null,
  });
}
