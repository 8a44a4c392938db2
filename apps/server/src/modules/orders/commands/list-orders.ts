import type { OrderListQuery, OrderSummary } from '@ordercare/contracts';
import type { Executor } from '../../../platform/db/index.js';
import { decodeCursor, encodeCursor } from '../../../platform/db/index.js';
import type { FieldError } from '../../../platform/http/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { SETTLED, toOrderSummary, type OrderError } from '../order.js';
import { listOrderRows, type ListPosition, type OrderFilter } from '../order.repo.js';

const DAY_MS = 86_400_000;

/** `2026-12-01` → its first instant; a date-time → itself in our stored form (UTC, milliseconds). */
function instant(value: string, endOfDay: boolean): string | undefined {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const t = Date.parse(dateOnly ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(t)) return undefined;
  // `to` is inclusive: a date includes its whole day, a time includes its own millisecond.
  return new Date(endOfDay ? t + (dateOnly ? DAY_MS : 1) : t).toISOString();
}

function decodePosition(cursor: string | undefined, sort: 'newest' | 'priority'): ListPosition | undefined | null {
  if (!cursor) return undefined;
  try {
    const v: unknown = JSON.parse(decodeCursor(cursor) ?? '');
    if (sort === 'newest' && Array.isArray(v) && v.length === 1 && typeof v[0] === 'string') return { sort, id: v[0] };
    if (sort === 'priority' && Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string') return { sort, rank: v[0], id: v[1] };
  } catch {
    // fall through
  }
  return null;
}

/**
 * `GET /orders`: filters and one page. `sort=newest` (default): newest first; `sort=priority`:
 * urgent first, then newest first (the work-queue order). `today` (UTC date) decides overdue.
 */
export async function listOrders(db: Executor, query: OrderListQuery, today: string): Promise<Result<{ data: OrderSummary[]; nextCursor: string | null }, OrderError>> {
  const issues: FieldError[] = [];
  const from = query.from === undefined ? undefined : instant(query.from, false);
  const before = query.to === undefined ? undefined : instant(query.to, true);
  if (query.from !== undefined && !from) issues.push({ path: 'query.from', message: 'is not a valid date or date-time' });
  if (query.to !== undefined && !before) issues.push({ path: 'query.to', message: 'is not a valid date or date-time' });
  const after = decodePosition(query.cursor, query.sort);
  if (after === null) issues.push({ path: 'query.cursor', message: 'is not a cursor this list returned with this sort; start again without it' });
  if (issues.length) return err({ code: 'invalid', errors: issues });

  const filter: OrderFilter = {
    status: query.status,
    priority: query.priority,
    customerId: query.customerId || undefined,
    from,
    before,
    overdue: query.overdue === undefined ? undefined : { today, value: query.overdue },
    settled: SETTLED,
  };
  const rows = await listOrderRows(db, filter, query.sort, query.limit, after ?? undefined);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const cursor = last && (query.sort === 'priority' ? [last.priority_rank, last.id] : [last.id]);
  return ok({ data: page.map((r) => toOrderSummary(r, today)), nextCursor: rows.length > query.limit && cursor ? encodeCursor(JSON.stringify(cursor)) : null });
}
