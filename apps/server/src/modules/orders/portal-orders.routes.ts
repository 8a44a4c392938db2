import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangeDecisionRequest, ChangeParams, IdParams, OrderChange, OrderDocumentQuery, PortalOrder, PortalOrderListQuery, PortalOrderSummary, page } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendProblem, type App } from '../../platform/http/index.js';
import { decideChange } from './commands/edit-order.js';
import { orderDocument } from './commands/order-document.js';
import { getCustomerOrder, listCustomerOrders } from './commands/portal-orders.js';
import { orderProblem } from './orders.problems.js';

/** The signed-in customer (every route here admits portal sessions only). */
function portalPrincipal(request: FastifyRequest) {
  const p = request.principal;
  if (!p || p.kind !== 'portal') throw new Error('portal route without a portal principal');
  return p;
}

/** The customer's documents: the confirmation always, the invoice once finance has issued it. No packing slip (a warehouse paper). */
const PORTAL_DOCUMENTS = ['confirmation', 'invoice'] as const;

/** `/api/v1/portal/orders…`: a customer's own orders, their documents, and their answer to a pending change. */
export function registerPortalOrderRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/portal/orders', {
    config: { access: 'portal' },
    schema: { tags: ['portal'], summary: "The signed-in customer's orders, newest first (optionally by status); changePending marks those waiting for their answer", querystring: PortalOrderListQuery, response: { 200: page(PortalOrderSummary) } },
  }, async (request, reply) => {
    const result = await listCustomerOrders(deps.db, portalPrincipal(request).customerId, request.query, deps.clock.now().toISOString().slice(0, 10));
    if (!result.ok) return sendProblem(reply, orderProblem(result.error));
    return result.value;
  });

  r.get('/api/v1/portal/orders/:id', {
    config: { access: 'portal' },
    schema: { tags: ['portal'], summary: "One of the customer's orders with lines, totals and any pending change (another customer's order is 404). No staff notes", params: IdParams, response: { 200: PortalOrder } },
  }, async (request, reply) => {
    const order = await getCustomerOrder(deps.db, portalPrincipal(request).customerId, request.params.id);
    if (!order) return sendProblem(reply, orderProblem({ code: 'not_found', id: request.params.id }));
    return order;
  });

  r.post('/api/v1/portal/orders/:id/changes/:changeId/decision', {
    config: { access: 'portal' },
    schema: {
      tags: ['portal'],
      summary: "The signed-in customer approves or declines a pending change of one of their orders (another customer's order is 404). Answers the decided change",
      params: ChangeParams,
      body: ChangeDecisionRequest,
      response: { 200: OrderChange },
    },
  }, async (request, reply) => {
    const p = portalPrincipal(request);
    const { id, changeId } = request.params;
    const result = await inTransaction(deps.db, (tx) => decideChange(tx, deps, actorOf(p), id, changeId, request.body, { customerId: p.customerId, viewer: { role: null }, requestId: request.id }));
    if (!result.ok) return sendProblem(reply, orderProblem(result.error));
    deps.wakeWorker();
    return result.value.change;
  });

  for (const kind of PORTAL_DOCUMENTS) {
    r.get(`/api/v1/portal/orders/:id/documents/${kind}.pdf`, {
      config: { access: 'portal' },
      schema: {
        tags: ['portal', 'documents'],
        summary: kind === 'invoice' ? "The order's invoice as PDF once it has been issued (404 before)" : 'The order confirmation as PDF, in the customer\'s language unless ?locale= is given',
        params: IdParams,
        querystring: OrderDocumentQuery,
      },
    }, async (request, reply) => {
      const p = portalPrincipal(request);
      const result = await orderDocument(deps, actorOf(p), request.params.id, kind, { locale: request.query.locale, requestId: request.id, customerId: p.customerId, onlyIssuedInvoice: true });
      if (!result.ok) return sendProblem(reply, orderProblem(result.error));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${result.value.filename}"`)
        .header('content-language', result.value.locale)
        .header('cache-control', 'private, no-cache')
        .send(result.value.pdf);
    });
  }
}
