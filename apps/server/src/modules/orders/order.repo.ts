import { sql, type SelectQueryBuilder } from 'kysely';
import { insertRows, insertSoon, recall, remember, runReused, valueSoon, type Executor } from '../../platform/db/index.js';
import type { DialectOps } from '../../platform/db/index.js';
import type { Database, OrderChangesTable, OrderEventsTable, OrderInvoicesTable, OrderLinesTable, OrdersTable } from '../../platform/db/schema.js';

// ---- orders ----
/** An order's id by its human number (case-insensitive input, e.g. "so-2026-000123"). */
export const findOrderIdByNumber = async (db: Executor, number: string) => (await db.selectFrom('orders').select('id').where('number', '=', number.trim().toUpperCase()).executeTakeFirst())?.id;

export const findOrderRow = (db: Executor, id: string) =>
  recall<OrdersTable | undefined>(db, `order.row:${id}`) ?? db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Reads these orders, their lines, pending changes and invoices in four statements and lets
 * `findOrderRow`, `linesOf`, `pendingChangeOf` and `findInvoice` answer from them for the rest of
 * the transaction: for an outbox batch, whose handlers never change orders (`OutboxHandler.prepare`).
 */
export async function prefetchOrders(tx: Executor, ids: readonly string[]): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !recall(tx, `order.row:${id}`));
  if (missing.length === 0) return;
  const [rows, lines, changes, invoices] = await Promise.all([
    tx.selectFrom('orders').selectAll().where('id', 'in', missing).execute(),
    tx.selectFrom('order_lines').selectAll().where('order_id', 'in', missing).orderBy('order_id').orderBy('position').execute(),
    tx.selectFrom('order_changes').selectAll().where('order_id', 'in', missing).where('status', '=', 'pending').execute(),
    tx.selectFrom('order_invoices').selectAll().where('order_id', 'in', missing).execute(),
  ]);
  for (const id of missing) {
    remember(tx, `order.row:${id}`, rows.find((r) => r.id === id));
    remember(tx, `order.lines:${id}`, lines.filter((l) => l.order_id === id));
    remember(tx, `order.pending_change:${id}`, changes.find((c) => c.order_id === id));
    remember(tx, `order.invoice:${id}`, invoices.find((i) => i.order_id === id));
  }
}

/** The row locked for a read-modify-write (PostgreSQL: FOR UPDATE; SQLite's write transaction already is exclusive). */
export const lockOrderRow = (db: Executor, ops: DialectOps, id: string) => ops.forUpdate(db.selectFrom('orders').selectAll().where('id', '=', id)).executeTakeFirst();

export async function insertOrder(db: Executor, row: OrdersTable, lines: readonly OrderLinesTable[]): Promise<void> {
  await insertSoon(db, 'orders', [row]);
  await insertSoon(db, 'order_lines', lines);
}

/** Writes the changed columns of a locked order, only if it is still at `seenVersion`. */
export async function updateOrder(db: Executor, seenVersion: number, next: OrdersTable): Promise<boolean> {
  const { id, ...values } = next;
  const r = await db.updateTable('orders').set(values).where('id', '=', id).where('version', '=', seenVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const linesOf = (db: Executor, orderId: string) =>
  recall<OrderLinesTable[]>(db, `order.lines:${orderId}`) ?? db.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).orderBy('position').execute();

/** Replaces an order's lines (edits; nothing of them has shipped). */
export async function replaceLines(db: Executor, orderId: string, lines: readonly OrderLinesTable[]): Promise<void> {
  await db.deleteFrom('order_lines').where('order_id', '=', orderId).execute();
  await insertRows(db, 'order_lines', lines);
}

// ---- changes awaiting the customer ----
export const pendingChangeOf = (db: Executor, orderId: string) =>
  recall<OrderChangesTable | undefined>(db, `order.pending_change:${orderId}`) ??
  db.selectFrom('order_changes').selectAll().where('order_id', '=', orderId).where('status', '=', 'pending').executeTakeFirst();

/** Which of these orders have a change waiting for the customer. */
export async function ordersWithPendingChange(db: Executor, orderIds: readonly string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const rows = await db.selectFrom('order_changes').select('order_id').where('order_id', 'in', [...orderIds]).where('status', '=', 'pending').execute();
  return new Set(rows.map((r) => r.order_id));
}

export const findChange = (db: Executor, orderId: string, changeId: string) =>
  db.selectFrom('order_changes').selectAll().where('order_id', '=', orderId).where('id', '=', changeId).executeTakeFirst();

export async function insertChange(db: Executor, row: OrderChangesTable): Promise<void> {
  await db.insertInto('order_changes').values(row).execute();
}

export async function decideChangeRow(db: Executor, id: string, values: Pick<OrderChangesTable, 'status' | 'decided_by_type' | 'decided_by_id' | 'decided_at' | 'note'>): Promise<boolean> {
  const r = await db.updateTable('order_changes').set(values).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- history ----
export async function insertOrderEvent(db: Executor, row: OrderEventsTable): Promise<void> {
  await insertSoon(db, 'order_events', [row]);
}

/** One page of an order's history, oldest first (ids are time-sortable). */
export function eventsOf(db: Executor, orderId: string, limit: number, afterId?: string) {
  let q = db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('id').limit(limit + 1);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.execute();
}

// ---- numbers ----
/**
 * The next order number of `year` (`SO-2026-000123`), gap-free: the year's counter row is
 * incremented in the caller's transaction (created at the first order of a year by the same
 * upsert), so a placement that rolls back gives its number back, and on PostgreSQL the row stays
 * locked until COMMIT: concurrent placements take their turns there.
 *
 * Inside a transaction that holds its inserts (PostgreSQL) the increment is not run now: the
 * statement that writes the held rows runs it (`valueSoon`), so the lock is held only from that
 * statement to COMMIT, and this returns a placeholder that the held rows and the transaction's
 * result get the number in place of. Elsewhere it returns undefined; use `nextOrderNumber`.
 */
export function orderNumberSoon(db: Executor, year: number): string | undefined {
  return valueSoon(db, {
    table: 'order_number_sequences',
    key: 'orders.number',
    parameters: [year, 1, 1],
    // What formatOrderNumber writes: at least six digits.
    source: (c) => bumpCounter(c, year).returning(sql<string>`'SO-' || order_number_sequences.year::text || '-' || lpad(order_number_sequences.last::text, greatest(6, length(order_number_sequences.last::text)), '0')`.as('value')),
  });
}

/** The year's counter row, created at 1 or incremented (parameters: year, 1, 1). */
const bumpCounter = (c: Pick<Executor, 'insertInto'>, year: number) =>
  c
    .insertInto('order_number_sequences')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last: (eb) => eb('order_number_sequences.last', '+', 1) }));

/**
 * The next order number of `year` as a count, at once: the counter row's upsert (see
 * `orderNumberSoon`) in the caller's transaction.
 */
export async function nextOrderNumber(db: Executor, year: number): Promise<number> {
  const { rows } = await runReused(db, 'orders.next-number', [year, 1, 1], () => bumpCounter(db, year).returning('last'));
  const row = rows[0];
  if (!row) throw new Error(`order number counter of ${year} returned no row`);
  return Number(row.last);
}

// ---- lists ----
export interface OrderFilter {
  status?: string | undefined;
  priority?: string | undefined;
  customerId?: string | undefined;
  /** created_at ≥ this */
  from?: string | undefined;
  /** created_at < this */
  before?: string | undefined;
  /** Overdue on this date (true), or not overdue (false). */
  overdue?: { today: string; value: boolean } | undefined;
  settled: readonly string[];
}

export type ListPosition = { sort: 'newest'; id: string } | { sort: 'priority'; rank: number; id: string };

export async function listOrderRows(db: Executor, filter: OrderFilter, sort: 'newest' | 'priority', limit: number, after?: ListPosition): Promise<OrdersTable[]> {
  if (filter.from === undefined && filter.before === undefined) return paged(filtered(db.selectFrom('orders').selectAll(), filter), sort, limit, after).execute();
  // A placed-date range: first the ids of the range through `orders_created` (a materialized CTE,
  // so neither engine walks the id index backwards through the whole table hoping to meet the
  // range soon, which PostgreSQL chose: ~170 ms at a million orders), sorted and paged; then the
  // page's rows.
  let q = db
    .with((cte) => cte('in_range').materialized(), (d) => filtered(d.selectFrom('orders').select(['id', 'priority_rank']), filter))
    .selectFrom('in_range')
    .select('in_range.id')
    .limit(limit + 1);
  if (sort === 'priority') {
    q = q.orderBy('in_range.priority_rank', 'desc').orderBy('in_range.id', 'desc');
    if (after?.sort === 'priority') q = q.where((eb) => eb.or([eb('in_range.priority_rank', '<', after.rank), eb.and([eb('in_range.priority_rank', '=', after.rank), eb('in_range.id', '<', after.id)])]));
  } else {
    q = q.orderBy('in_range.id', 'desc');
    if (after) q = q.where('in_range.id', '<', after.id);
  }
  const ids = (await q.execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = new Map((await db.selectFrom('orders').selectAll().where('id', 'in', ids).execute()).map((r) => [r.id, r]));
  return ids.flatMap((id) => rows.get(id) ?? []);
}

/** The list's filters (everything but the order and the cursor). */
function filtered<O>(base: SelectQueryBuilder<Database, 'orders', O>, filter: OrderFilter) {
  let q = base;
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.priority) q = q.where('priority', '=', filter.priority);
  if (filter.customerId) q = q.where('customer_id', '=', filter.customerId);
  if (filter.from) q = q.where('created_at', '>=', filter.from);
  if (filter.before) q = q.where('created_at', '<', filter.before);
  const overdue = filter.overdue;
  if (overdue) {
    q = overdue.value
      ? q.where('due_date', '<', overdue.today).where('status', 'not in', [...filter.settled])
      : q.where((eb) => eb.or([eb('due_date', '>=', overdue.today), eb('status', 'in', [...filter.settled])]));
  }
  return q;
}

function paged<O>(q: SelectQueryBuilder<Database, 'orders', O>, sort: 'newest' | 'priority', limit: number, after?: ListPosition) {
  q = q.limit(limit + 1);
  if (sort === 'priority') {
    q = q.orderBy('priority_rank', 'desc').orderBy('id', 'desc');
    if (after?.sort === 'priority') q = q.where((eb) => eb.or([eb('priority_rank', '<', after.rank), eb.and([eb('priority_rank', '=', after.rank), eb('id', '<', after.id)])]));
  } else {
    q = q.orderBy('id', 'desc');
    if (after) q = q.where('id', '<', after.id);
  }
  return q;
}

// ---- invoices ----
export const findInvoice = (db: Executor, orderId: string) =>
  recall<OrderInvoicesTable | undefined>(db, `order.invoice:${orderId}`) ?? db.selectFrom('order_invoices').selectAll().where('order_id', '=', orderId).executeTakeFirst();

/** Stores the order's invoice number; undefined when the order already has one (a concurrent first download won). */
export const insertInvoiceIfAbsent = (db: Executor, row: OrderInvoicesTable) =>
  db.insertInto('order_invoices').values(row).onConflict((oc) => oc.column('order_id').doNothing()).returningAll().executeTakeFirst();
