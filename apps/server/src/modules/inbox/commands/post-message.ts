import type { InboxMessage, InboxReplyRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Executor, Tx } from '../../../platform/db/index.js';
import type { InboxMessagesTable } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { staffUsersById } from '../../identity/index.js';
import { getOrder } from '../../orders/index.js';
import { excerpt, GENERAL_THREAD, INBOX_MESSAGE_SENT, INBOX_REPLY_RECEIVED, type InboxError } from '../inbox.js';
import { insertInboxMessage, toInboxMessage } from '../inbox.repo.js';

/** The thread a message goes to: an order of the customer (its number copied), or the general thread. */
export async function threadOf(db: Executor, customerId: string, orderId: string | null): Promise<Result<{ orderId: string | null; orderNumber: string | null }, InboxError>> {
  if (orderId === null) return ok({ orderId: null, orderNumber: null });
  const order = await getOrder(db, orderId);
  if (!order || order.customerId !== customerId) return err({ code: 'order_not_found', id: orderId });
  return ok({ orderId, orderNumber: order.number });
}

async function authorName(db: Executor, actor: Actor): Promise<string | null> {
  if (actor.type !== 'user' || !actor.id) return null;
  return (await staffUsersById(db, [actor.id])).get(actor.id)?.name ?? null;
}

function row(deps: Pick<Deps, 'clock'>, input: { customerId: string; orderId: string | null; orderNumber: string | null; direction: InboxMessagesTable['direction']; actor: Actor; name: string | null; subject?: string | null | undefined; body: string }): InboxMessagesTable {
  return {
    id: newId('inb'),
    customer_id: input.customerId,
    thread: input.orderId ?? GENERAL_THREAD,
    order_id: input.orderId,
    order_number: input.orderNumber,
    direction: input.direction,
    author_type: input.actor.type,
    author_id: input.actor.id,
    author_name: input.name,
    subject: input.subject?.trim() || null,
    body: input.body,
    read_at: null,
    created_at: deps.clock.now().toISOString(),
  };
}

/** Staff write to a customer on an order (or the general thread): `inbox.message_sent`. */
export async function sendToCustomer(tx: Tx, deps: Deps, actor: Actor, target: { customerId: string; orderId: string | null }, input: InboxReplyRequest, requestId?: string): Promise<Result<InboxMessage, InboxError>> {
  const thread = await threadOf(tx, target.customerId, target.orderId);
  if (!thread.ok) return thread;
  const r = row(deps, { ...target, ...thread.value, direction: 'to_customer', actor, name: await authorName(tx, actor), subject: input.subject, body: input.body });
  await insertInboxMessage(tx, r);
  await emitEvent(tx, r.created_at, { type: INBOX_MESSAGE_SENT, aggregateType: 'inbox_message', aggregateId: r.id, payload: eventPayload(r, actor) });
  await recordAudit(tx, { actor, action: 'inbox.message_sent', entityType: 'inbox_message', entityId: r.id, after: { customerId: r.customer_id, orderId: r.order_id }, requestId, at: r.created_at });
  return ok(toInboxMessage(r));
}

/** The signed-in customer answers in a thread of theirs: `inbox.reply_received`. */
export async function replyFromCustomer(tx: Tx, deps: Deps, actor: Actor, target: { customerId: string; orderId: string | null }, input: InboxReplyRequest): Promise<Result<InboxMessage, InboxError>> {
  const thread = await threadOf(tx, target.customerId, target.orderId);
  if (!thread.ok) return thread;
  const r = row(deps, { ...target, ...thread.value, direction: 'from_customer', actor, name: null, subject: input.subject, body: input.body });
  await insertInboxMessage(tx, r);
  await emitEvent(tx, r.created_at, { type: INBOX_REPLY_RECEIVED, aggregateType: 'inbox_message', aggregateId: r.id, payload: eventPayload(r, actor) });
  return ok(toInboxMessage(r));
}

export interface InboxPost {
  customerId: string;
  orderId?: string | null;
  subject?: string | null;
  body: string;
  author: 'system';
}

/**
 * For the messages module: puts an automated message (rendered for the portal channel) into the
 * customer's inbox, in the caller's transaction, on the order's thread or the general one. No
 * outbox event (the messages module records its own); an unknown order or one of another customer
 * is refused with `order_not_found`. The body is cut to 5,000 characters.
 */
export async function postToInbox(tx: Executor, deps: Pick<Deps, 'clock'>, post: InboxPost): Promise<Result<InboxMessage, InboxError>> {
  const thread = await threadOf(tx, post.customerId, post.orderId ?? null);
  if (!thread.ok) return thread;
  const r = row(deps, { customerId: post.customerId, ...thread.value, direction: 'to_customer', actor: { type: 'system', id: null }, name: null, subject: post.subject ?? null, body: post.body.slice(0, 5000) });
  await insertInboxMessage(tx, r);
  return ok(toInboxMessage(r));
}

function eventPayload(r: InboxMessagesTable, actor: Actor): Record<string, unknown> {
  return { customerId: r.customer_id, orderId: r.order_id, orderNumber: r.order_number, messageId: r.id, direction: r.direction, subject: r.subject, excerpt: excerpt(r.body), actor };
}
