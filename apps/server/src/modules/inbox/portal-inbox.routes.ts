import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdempotencyHeaders, InboxConversation, InboxMessage, InboxReadResult, InboxReplyRequest, InboxThreadList, OrderIdParams } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { replyFromCustomer } from './commands/post-message.js';
import { listThreads, markRead, readThread } from './commands/read-thread.js';
import { inboxProblem } from './inbox.problems.js';

function portalPrincipal(request: FastifyRequest) {
  const p = request.principal;
  if (!p || p.kind !== 'portal') throw new Error('portal route without a portal principal');
  return p;
}

/** `/api/v1/portal/inbox…`: the signed-in customer's threads; another customer's order answers 404. */
export function registerPortalInboxRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['portal', 'inbox'];
  const config = { access: 'portal' as const };

  r.get('/api/v1/portal/inbox', {
    config,
    schema: { tags, summary: "The customer's threads (one per order, one general), most recent first, with unread counts", response: { 200: InboxThreadList } },
  }, async (request) => listThreads(deps.db, portalPrincipal(request).customerId));

  const threads = [
    { path: '/api/v1/portal/inbox/general', orderOf: () => null, params: undefined, what: 'The general thread' },
    { path: '/api/v1/portal/inbox/orders/:orderId', orderOf: (request: FastifyRequest) => (request.params as { orderId: string }).orderId, params: OrderIdParams, what: "One order's thread (another customer's order is 404)" },
  ];
  for (const t of threads) {
    r.get(t.path, {
      config,
      schema: { tags, summary: `${t.what}, oldest first (the latest 500)`, ...(t.params ? { params: t.params } : {}), response: { 200: InboxConversation } },
    }, async (request, reply) => {
      const result = await readThread(deps.db, portalPrincipal(request).customerId, t.orderOf(request), 'customer');
      if (!result.ok) return sendProblem(reply, inboxProblem(result.error));
      return result.value;
    });

    r.post(t.path, {
      config,
      schema: { tags, summary: `${t.what}: reply (emits inbox.reply_received for the back office). Honours Idempotency-Key`, ...(t.params ? { params: t.params } : {}), headers: IdempotencyHeaders, body: InboxReplyRequest, response: { 201: InboxMessage } },
    }, async (request, reply) => {
      const p = portalPrincipal(request);
      const result = await deps.idempotency.run(request, 201, (tx) => replyFromCustomer(tx, deps, actorOf(p), { customerId: p.customerId, orderId: t.orderOf(request) }, request.body));
      if (!result.ok) return sendProblem(reply, inboxProblem(result.error));
      deps.wakeWorker();
      return sendStored(reply, result.value);
    });

    r.post(`${t.path}/read`, {
      config,
      schema: { tags, summary: `${t.what}: mark the messages to the customer read`, ...(t.params ? { params: t.params } : {}), response: { 200: InboxReadResult } },
    }, async (request, reply) => {
      const p = portalPrincipal(request);
      const result = await inTransaction(deps.db, (tx) => markRead(tx, deps, p.customerId, t.orderOf(request), 'customer'));
      if (!result.ok) return sendProblem(reply, inboxProblem(result.error));
      return result.value;
    });
  }
}
