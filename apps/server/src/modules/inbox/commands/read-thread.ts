import type { InboxConversation, InboxThreadList } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import type { Executor, Tx } from '../../../platform/db/index.js';
import { ok, type Result } from '../../../platform/result.js';
import { incomingFor, type InboxError } from '../inbox.js';
import { customerThreads, markThreadRead, threadMessages, toInboxMessage } from '../inbox.repo.js';
import { getOrder } from '../../orders/index.js';
import { threadOf } from './post-message.js';

type Viewer = 'customer' | 'staff';

/** One thread of a customer, oldest first, with what the viewer has not read yet. */
export async function readThread(db: Executor, customerId: string, orderId: string | null, viewer: Viewer): Promise<Result<InboxConversation, InboxError>> {
  const thread = await threadOf(db, customerId, orderId);
  if (!thread.ok) return thread;
  const rows = await threadMessages(db, customerId, orderId);
  const incoming = incomingFor(viewer);
  return ok({ ...thread.value, data: rows.map(toInboxMessage), unread: rows.filter((r) => r.direction === incoming && r.read_at === null).length });
}

/** The viewer has seen the thread: messages from the other side get `readAt`. */
export async function markRead(tx: Tx, deps: Deps, customerId: string, orderId: string | null, viewer: Viewer): Promise<Result<{ marked: number }, InboxError>> {
  const thread = await threadOf(tx, customerId, orderId);
  if (!thread.ok) return thread;
  return ok({ marked: await markThreadRead(tx, customerId, orderId, incomingFor(viewer), deps.clock.now().toISOString()) });
}

/** The customer's threads, most recent first, and their unread total. */
export async function listThreads(db: Executor, customerId: string): Promise<InboxThreadList> {
  const data = await customerThreads(db, customerId, 'to_customer');
  return { data, unread: data.reduce((n, t) => n + t.unread, 0) };
}

/** The customer an order belongs to, or undefined when there is no such order. */
export async function customerOfOrder(db: Executor, orderId: string): Promise<string | undefined> {
  return (await getOrder(db, orderId))?.customerId;
}
