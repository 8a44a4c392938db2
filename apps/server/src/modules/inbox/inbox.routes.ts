import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdempotencyHeaders, IdParams, InboxConversation, InboxMessage, InboxReadResult, InboxReplyRequest, StaffInboxUnread, type StaffRole } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { getCustomer } from '../customers/index.js';
import { sendToCustomer } from './commands/post-message.js';
import { customerOfOrder, markRead, readThread } from './commands/read-thread.js';
import { inboxProblem } from './inbox.problems.js';
import { unreadFromCustomers } from './inbox.repo.js';

/** Staff who talk to customers. */
export const INBOX_STAFF: readonly StaffRole[] = ['admin', 'manager', 'sales', 'support'];

/** Back office: the conversation of an order (and a customer's general thread) with the customer. */
export function registerConversationRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inbox'];
  const access = INBOX_STAFF;

  /** The thread `kind` names for the customer, or a problem when the order or customer does not exist. */
  async function target(kind: 'order' | 'customer', id: string) {
    if (kind === 'order') {
      const customerId = await customerOfOrder(deps.db, id);
      return customerId ? { customerId, orderId: id } : inboxProblem({ code: 'order_not_found', id });
    }
    return (await getCustomer(deps.db, id)) ? { customerId: id, orderId: null } : inboxProblem({ code: 'customer_not_found', id });
  }

  for (const kind of ['order', 'customer'] as const) {
    const base = kind === 'order' ? '/api/v1/orders/:id/conversation' : '/api/v1/customers/:id/conversation';
    const what = kind === 'order' ? "The order's conversation with the customer" : "The customer's general thread (messages not about one order)";

    r.get(base, {
      config: { access },
      schema: { tags, summary: `${what}, oldest first (the latest 500); unread counts the customer's replies staff have not marked read`, params: IdParams, response: { 200: InboxConversation } },
    }, async (request, reply) => {
      const t = await target(kind, request.params.id);
      if ('status' in t) return sendProblem(reply, t);
      const result = await readThread(deps.db, t.customerId, t.orderId, 'staff');
      if (!result.ok) return sendProblem(reply, inboxProblem(result.error));
      return result.value;
    });

    r.post(base, {
      config: { access },
      schema: { tags, summary: `Write to the customer (shown in their portal inbox; emits inbox.message_sent). Honours Idempotency-Key`, params: IdParams, headers: IdempotencyHeaders, body: InboxReplyRequest, response: { 201: InboxMessage } },
    }, async (request, reply) => {
      const t = await target(kind, request.params.id);
      if ('status' in t) return sendProblem(reply, t);
      const result = await deps.idempotency.run(request, 201, (tx) => sendToCustomer(tx, deps, actorOf(request.principal), t, request.body, request.id));
      if (!result.ok) return sendProblem(reply, inboxProblem(result.error));
      deps.wakeWorker();
      return sendStored(reply, result.value);
    });

    r.post(`${base}/read`, {
      config: { access },
      schema: { tags, summary: "Mark the customer's replies in this thread read", params: IdParams, response: { 200: InboxReadResult } },
    }, async (request, reply) => {
      const t = await target(kind, request.params.id);
      if ('status' in t) return sendProblem(reply, t);
      const result = await inTransaction(deps.db, (tx) => markRead(tx, deps, t.customerId, t.orderId, 'staff'));
      if (!result.ok) return sendProblem(reply, inboxProblem(result.error));
      return result.value;
    });
  }

  r.get('/api/v1/inbox/unread', {
    config: { access },
    schema: { tags, summary: 'Threads with customer replies staff have not read (most recent first, at most 100) and the total', response: { 200: StaffInboxUnread } },
  }, async () => unreadFromCustomers(deps.db));
}
