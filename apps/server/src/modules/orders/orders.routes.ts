import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ChangeDecisionRequest,
  ChangeParams,
  CreateOrderRequest,
  IdempotencyHeaders,
  IdParams,
  Order,
  OrderEditIfMatchHeaders,
  OrderEvent,
  OrderIfMatchHeaders,
  OrderListQuery,
  OrderSummary,
  PageQuery,
  page,
  STAFF_ROLES,
  TransitionRequest,
  UpdateOrderRequest,
  type OrderChannel,
  type StaffRole,
} from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { decideChange, editOrder } from './commands/edit-order.js';
import { getOrder, orderHistory } from './commands/get-order.js';
import { listOrders } from './commands/list-orders.js';
import { placeOrder } from './commands/place-order.js';
import { transitionOrder } from './commands/transition-order.js';
import { orderProblem } from './orders.problems.js';

export const ORDER_PLACERS: readonly StaffRole[] = ['admin', 'manager', 'sales'];
/** Each target narrows this further (order-status.ts TRANSITION_ROLES). */
/** Who may edit an order and record the customer's answer to a pending change. */
export const ORDER_EDITORS: readonly StaffRole[] = ['admin', 'manager', 'sales', 'support'];
export const ORDER_MOVERS: readonly StaffRole[] = ['admin', 'manager', 'sales', 'support', 'warehouse'];

/** The staff role of the caller (every route here admits staff only). */
function roleOf(request: FastifyRequest): StaffRole {
  const p = request.principal;
  if (!p || p.kind === 'portal') throw new Error('orders routes admit staff only');
  return p.role;
}

/** A staff session places from the back office; an API key is an integration. */
function defaultChannel(request: FastifyRequest): OrderChannel {
  return request.principal?.kind === 'user' ? 'backoffice' : 'api';
}

/** Optional `If-Match: "7"` → 7; undefined when absent; null when unreadable. */
function parseIfMatch(header: string | undefined): number | undefined | null {
  if (header === undefined || header.trim() === '') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  return m ? Number(m[1]) : null;
}

/** Orders: placement, lists, the journey's transitions and the history. */
export function registerOrderRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/orders', {
    config: { access: ORDER_PLACERS },
    schema: {
      tags: ['orders'],
      summary: 'Place an order (honours Idempotency-Key): catalog prices unless given, tax per line, discount, shipping; reserves every tracked line or answers 409 insufficient_stock with the short lines and creates nothing',
      body: CreateOrderRequest,
      headers: IdempotencyHeaders,
      response: { 201: Order },
    },
  }, async (request, reply) => {
    const options = { channel: request.body.channel ?? defaultChannel(request), viewer: { role: roleOf(request) }, requestId: request.id };
    const result = await deps.idempotency.run(request, 201, (tx) => placeOrder(tx, deps, actorOf(request.principal), request.body, options));
    if (!result.ok) return sendProblem(reply, orderProblem(result.error));
    deps.wakeWorker();
    reply.header('etag', `"${result.value.body.version}"`);
    return sendStored(reply, result.value);
  });

  r.get('/api/v1/orders', {
    config: { access: STAFF_ROLES },
    schema: {
      tags: ['orders'],
      summary: 'Orders, newest first (sort=priority: urgent first, then newest); filters status, priority, customerId, from/to (placed), overdue',
      querystring: OrderListQuery,
      response: { 200: page(OrderSummary) },
    },
  }, async (request, reply) => {
    const result = await listOrders(deps.db, request.query, deps.clock.now().toISOString().slice(0, 10));
    if (!result.ok) return sendProblem(reply, orderProblem(result.error));
    return result.value;
  });

  r.get('/api/v1/orders/:id', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['orders'], summary: 'An order with lines, totals and the transitions the caller may choose now; the ETag is its version', params: IdParams, response: { 200: Order } },
  }, async (request, reply) => {
    const order = await getOrder(deps.db, request.params.id, { role: roleOf(request) });
    if (!order) return sendProblem(reply, orderProblem({ code: 'not_found', id: request.params.id }));
    reply.header('etag', `"${order.version}"`);
    return order;
  });

  r.post('/api/v1/orders/:id/transitions', {
    config: { access: ORDER_MOVERS },
    schema: {
      tags: ['orders'],
      summary: 'Move an order along the journey. 409 invalid_transition (allowed targets in detail) when the state machine refuses or the target follows from shipments; 403 when the role may not choose that target. Cancelling releases every reservation; on_hold returns to where it came from',
      params: IdParams,
      headers: OrderIfMatchHeaders,
      body: TransitionRequest,
      response: { 200: Order },
    },
  }, async (request, reply) => {
    const expectedVersion = parseIfMatch(request.headers['if-match']);
    if (expectedVersion === null) {
      return sendProblem(reply, orderProblem({ code: 'invalid', errors: [{ path: 'header.if-match', message: 'must be the version in quotes, e.g. "3"' }] }));
    }
    const { id } = request.params;
    const result = await inTransaction(deps.db, (tx) =>
      transitionOrder(tx, deps, actorOf(request.principal), roleOf(request), id, request.body, { expectedVersion, requestId: request.id }),
    );
    if (!result.ok) return sendProblem(reply, orderProblem(result.error));
    deps.wakeWorker();
    reply.header('etag', `"${result.value.version}"`);
    return result.value;
  });

  r.patch('/api/v1/orders/:id', {
    config: { access: ORDER_EDITORS },
    schema: {
      tags: ['orders'],
      summary:
        'Edit an order (lines replace the list; addresses, dates, priority, notes). Requires If-Match (428 if_match_required, 412 version_conflict). Re-prices and re-reserves in one transaction (409 insufficient_stock changes nothing). 409 order_not_editable once anything shipped or the order is delivered, completed or cancelled; 409 change_pending while a change awaits the customer. A confirmed (or later) order whose total changes answers 202 with pendingChange: nothing applied or reserved until the customer approves',
      params: IdParams,
      headers: OrderEditIfMatchHeaders,
      body: UpdateOrderRequest,
      response: { 200: Order, 202: Order },
    },
  }, async (request, reply) => {
    const expectedVersion = parseIfMatch(request.headers['if-match']);
    if (expectedVersion === undefined) return sendProblem(reply, orderProblem({ code: 'if_match_required' }));
    if (expectedVersion === null) {
      return sendProblem(reply, orderProblem({ code: 'invalid', errors: [{ path: 'header.if-match', message: 'must be the version in quotes, e.g. "3"' }] }));
    }
    const { id } = request.params;
    const result = await inTransaction(deps.db, (tx) => editOrder(tx, deps, actorOf(request.principal), roleOf(request), id, request.body, { expectedVersion, requestId: request.id }));
    if (!result.ok) return sendProblem(reply, orderProblem(result.error));
    deps.wakeWorker();
    reply.header('etag', `"${result.value.order.version}"`);
    return reply.code(result.value.pending ? 202 : 200).send(result.value.order);
  });

  r.post('/api/v1/orders/:id/changes/:changeId/decision', {
    config: { access: ORDER_EDITORS },
    schema: {
      tags: ['orders'],
      summary: "Record the customer's answer to a pending change. approve applies it like an edit (409 insufficient_stock leaves it pending) and adds the price difference to balanceAdjustment; decline only marks it. 409 change_not_pending when already decided",
      params: ChangeParams,
      body: ChangeDecisionRequest,
      response: { 200: Order },
    },
  }, async (request, reply) => {
    const { id, changeId } = request.params;
    const result = await inTransaction(deps.db, (tx) => decideChange(tx, deps, actorOf(request.principal), id, changeId, request.body, { viewer: { role: roleOf(request) }, requestId: request.id }));
    if (!result.ok) return sendProblem(reply, orderProblem(result.error));
    deps.wakeWorker();
    reply.header('etag', `"${result.value.order.version}"`);
    return result.value.order;
  });

  r.get('/api/v1/orders/:id/events', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['orders'], summary: "The order's history, oldest first: who, when, from → to, reason and changes", params: IdParams, querystring: PageQuery, response: { 200: page(OrderEvent) } },
  }, async (request, reply) => {
    const result = await orderHistory(deps.db, request.params.id, request.query);
    if (!result.ok) return sendProblem(reply, orderProblem(result.error));
    return result.value;
  });
}
