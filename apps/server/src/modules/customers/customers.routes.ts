import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateCustomerRequest,
  Customer,
  CustomerListQuery,
  CustomerSummary,
  IdempotencyHeaders,
  IdParams,
  IfMatchHeaders,
  PageQuery,
  page,
  TimelineEntry,
  UpdateCustomerRequest,
  type StaffRole,
} from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { err, type Result } from '../../platform/result.js';
import { createCustomer } from './commands/create-customer.js';
import { guardDuplicates } from './commands/customer-checks.js';
import { customerTimeline } from './commands/customer-timeline.js';
import { getCustomer } from './commands/get-customer.js';
import { listCustomers } from './commands/list-customers.js';
import { updateCustomer } from './commands/update-customer.js';
import type { CustomerError } from './customer.js';
import { customerProblem } from './customers.problems.js';

export const CUSTOMER_READERS: readonly StaffRole[] = ['admin', 'manager', 'sales', 'support', 'finance', 'warehouse'];
export const CUSTOMER_WRITERS: readonly StaffRole[] = ['admin', 'manager', 'sales', 'support'];

/** `If-Match: "7"` (also `W/"7"` or `7`) → 7; undefined when absent; an error when unreadable. */
export function parseIfMatch(header: string | undefined): Result<number, CustomerError> {
  if (header === undefined || header.trim() === '') return err({ code: 'if_match_required' });
  const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!m) return err({ code: 'invalid', errors: [{ path: 'header.if-match', message: 'must be the version in quotes, e.g. "3"' }] });
  return { ok: true, value: Number(m[1]) };
}

function sendCustomer(reply: FastifyReply, customer: Customer, status = 200) {
  reply.header('etag', `"${customer.version}"`);
  return reply.code(status).send(customer);
}

/** Customers: create, read, search, edit with optimistic concurrency, and the timeline. */
export function registerCustomerRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/customers', {
    config: { access: CUSTOMER_WRITERS },
    schema: {
      tags: ['customers'],
      summary: 'Create a customer (honours Idempotency-Key); 409 duplicate_customer names the customer that already has the email or tax id',
      body: CreateCustomerRequest,
      headers: IdempotencyHeaders,
      response: { 201: Customer },
    },
  }, async (request, reply) => {
    const actor = actorOf(request.principal);
    const result = await guardDuplicates(deps, request.body, undefined, () =>
      deps.idempotency.run(request, 201, (tx) => createCustomer(tx, deps, actor, request.body, { requestId: request.id })),
    );
    if (!result.ok) return sendProblem(reply, customerProblem(result.error));
    deps.wakeWorker();
    reply.header('etag', `"${result.value.body.version}"`);
    return sendStored(reply, result.value);
  });

  r.get('/api/v1/customers', {
    config: { access: CUSTOMER_READERS },
    schema: {
      tags: ['customers'],
      summary: 'Search customers in name order: q matches the start of any word of the name, email, phone digits, tax id (all words must match); a Chinese name also by any part',
      querystring: CustomerListQuery,
      response: { 200: page(CustomerSummary) },
    },
  }, async (request, reply) => {
    const result = await listCustomers(deps.db, request.query);
    if (!result.ok) return sendProblem(reply, customerProblem(result.error));
    return result.value;
  });

  r.get('/api/v1/customers/:id', {
    config: { access: CUSTOMER_READERS },
    schema: { tags: ['customers'], summary: 'A customer with contacts and addresses; the ETag is its version', params: IdParams, response: { 200: Customer } },
  }, async (request, reply) => {
    const customer = await getCustomer(deps.db, request.params.id);
    if (!customer) return sendProblem(reply, customerProblem({ code: 'not_found', entity: 'customer', id: request.params.id }));
    return sendCustomer(reply, customer);
  });

  r.patch('/api/v1/customers/:id', {
    config: { access: CUSTOMER_WRITERS },
    schema: {
      tags: ['customers'],
      summary: 'Edit a customer. Requires If-Match: "<version>" (428 if_match_required without it, 412 version_conflict when stale). Lists (tags, contacts, addresses) replace the stored ones',
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateCustomerRequest,
      response: { 200: Customer },
    },
  }, async (request, reply) => {
    const version = parseIfMatch(request.headers['if-match']);
    if (!version.ok) return sendProblem(reply, customerProblem(version.error));
    const { id } = request.params;
    const actor = actorOf(request.principal);
    const result = await guardDuplicates(deps, request.body, id, () =>
      inTransaction(deps.db, (tx) => updateCustomer(tx, deps, actor, id, version.value, request.body, { requestId: request.id })),
    );
    if (!result.ok) return sendProblem(reply, customerProblem(result.error));
    if (result.value.changed.length) deps.wakeWorker();
    return sendCustomer(reply, result.value.customer);
  });

  r.get('/api/v1/customers/:id/timeline', {
    config: { access: CUSTOMER_READERS },
    schema: {
      tags: ['customers'],
      summary: 'Everything that happened with the customer, newest first: every event of any module whose payload names the customer',
      params: IdParams,
      querystring: PageQuery,
      response: { 200: page(TimelineEntry) },
    },
  }, async (request, reply) => {
    const result = await customerTimeline(deps.db, request.params.id, request.query);
    if (!result.ok) return sendProblem(reply, customerProblem(result.error));
    return result.value;
  });
}
