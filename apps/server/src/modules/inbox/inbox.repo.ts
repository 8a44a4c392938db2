import type { ContactLogEntry, InboxDirection, InboxMessage, InboxThread } from '@ordercare/contracts';
import type { ContactLogsTable, Executor, InboxMessagesTable } from '../../platform/db/schema.js';
import { decodeCursor, encodeCursor } from '../../platform/db/index.js';
import { excerpt, GENERAL_THREAD, THREAD_LIMIT } from './inbox.js';

export function toInboxMessage(row: InboxMessagesTable): InboxMessage {
  return {
    id: row.id,
    customerId: row.customer_id,
    orderId: row.order_id,
    orderNumber: row.order_number,
    direction: row.direction as InboxDirection,
    author: { type: row.author_type as InboxMessage['author']['type'], id: row.author_id, name: row.author_name },
    subject: row.subject,
    body: row.body,
    readAt: row.read_at,
    createdAt: row.created_at,
  };
}

export async function insertInboxMessage(tx: Executor, row: InboxMessagesTable): Promise<void> {
  await tx.insertInto('inbox_messages').values(row).execute();
}

/** The latest THREAD_LIMIT messages of a thread, oldest first. */
export async function threadMessages(db: Executor, customerId: string, orderId: string | null): Promise<InboxMessagesTable[]> {
  const rows = await db
    .selectFrom('inbox_messages')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('thread', '=', orderId ?? GENERAL_THREAD)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(THREAD_LIMIT)
    .execute();
  return rows.reverse();
}

/** Marks the messages of one direction in a thread read; answers how many changed. */
export async function markThreadRead(tx: Executor, customerId: string, orderId: string | null, direction: InboxDirection, at: string): Promise<number> {
  const r = await tx
    .updateTable('inbox_messages')
    .set({ read_at: at })
    .where('customer_id', '=', customerId)
    .where('thread', '=', orderId ?? GENERAL_THREAD)
    .where('direction', '=', direction)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A customer's threads, most recent first, with unread counts of `incoming` messages. */
export async function customerThreads(db: Executor, customerId: string, incoming: InboxDirection): Promise<InboxThread[]> {
  const groups = await db
    .selectFrom('inbox_messages')
    .select((eb) => [
      'thread',
      eb.fn.max('order_id').as('order_id'),
      eb.fn.max('order_number').as('order_number'),
      eb.fn.max('created_at').as('last_at'),
      eb.fn.countAll<number>().as('messages'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('direction', '=', incoming), eb('read_at', 'is', null)])).then(1).else(0).end()).as('unread'),
    ])
    .where('customer_id', '=', customerId)
    .groupBy('thread')
    .execute();
  groups.sort((a, b) => (a.last_at < b.last_at ? 1 : a.last_at > b.last_at ? -1 : 0));
  const threads: InboxThread[] = [];
  for (const g of groups) {
    const last = await db
      .selectFrom('inbox_messages')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('thread', '=', g.thread)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    threads.push({
      orderId: g.order_id ?? null,
      orderNumber: g.order_number ?? null,
      lastMessageAt: last.created_at,
      lastSubject: last.subject,
      lastExcerpt: excerpt(last.body),
      lastDirection: last.direction as InboxDirection,
      messages: Number(g.messages),
      unread: Number(g.unread ?? 0),
    });
  }
  return threads;
}

/** Threads with customer replies staff have not read, most recent first (at most 100). */
export async function unreadFromCustomers(db: Executor) {
  const rows = await db
    .selectFrom('inbox_messages')
    .select((eb) => ['customer_id', 'thread', eb.fn.max('order_id').as('order_id'), eb.fn.max('order_number').as('order_number'), eb.fn.countAll<number>().as('unread'), eb.fn.max('created_at').as('last_at')])
    .where('direction', '=', 'from_customer')
    .where('read_at', 'is', null)
    .groupBy(['customer_id', 'thread'])
    .execute();
  rows.sort((a, b) => (a.last_at < b.last_at ? 1 : a.last_at > b.last_at ? -1 : 0));
  return {
    total: rows.reduce((n, r) => n + Number(r.unread), 0),
    threads: rows.slice(0, 100).map((r) => ({ customerId: r.customer_id, orderId: r.order_id ?? null, orderNumber: r.order_number ?? null, unread: Number(r.unread), lastMessageAt: r.last_at })),
  };
}

export function toContactLogEntry(row: ContactLogsTable): ContactLogEntry {
  return {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind as ContactLogEntry['kind'],
    direction: row.direction as ContactLogEntry['direction'],
    occurredAt: row.occurred_at,
    durationMinutes: row.duration_minutes,
    orderId: row.order_id,
    outcome: row.outcome as ContactLogEntry['outcome'],
    notes: row.notes,
    followUpAt: row.follow_up_at,
    loggedBy: { type: row.logged_by_type as ContactLogEntry['loggedBy']['type'], id: row.logged_by_id, name: row.logged_by_name },
    createdAt: row.created_at,
  };
}

export async function insertContactLog(tx: Executor, row: ContactLogsTable): Promise<void> {
  await tx.insertInto('contact_logs').values(row).execute();
}

/** A customer's logged contacts, latest first, paged by (occurred_at, id). */
export async function contactLogsOf(db: Executor, customerId: string, limit: number, cursor: string | undefined) {
  const after = decodeCursor(cursor);
  const [at, id] = after ? (after.split('|') as [string, string | undefined]) : [undefined, undefined];
  let q = db.selectFrom('contact_logs').selectAll().where('customer_id', '=', customerId);
  if (at !== undefined && id !== undefined) q = q.where((eb) => eb.or([eb('occurred_at', '<', at), eb.and([eb('occurred_at', '=', at), eb('id', '<', id)])]));
  const rows = await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data: data.map(toContactLogEntry), nextCursor: rows.length > limit && last ? encodeCursor(`${last.occurred_at}|${last.id}`) : null };
}
