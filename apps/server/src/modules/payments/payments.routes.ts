import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdempotencyHeaders, IdParams, OrderPayments, PageQuery, Payment, RecordPaymentRequest, RecordRefundRequest, STAFF_ROLES, type PaymentMethod, type StaffRole } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { err, type Result } from '../../platform/result.js';
import { orderPaymentFacts } from '../orders/index.js';
import { listPayments } from './commands/list-payments.js';
import { recordPayment } from './commands/record-payment.js';
import { recordRefund } from './commands/record-refund.js';
import type { PaymentError } from './payment.js';
import { paymentProblem } from './payments.problems.js';
import { providerFor, type PaymentProvider } from './providers.js';

/** Who may record payments and refunds. */
export const PAYMENT_RECORDERS: readonly StaffRole[] = ['admin', 'manager', 'finance'];

/** Lets the provider settle (outside any transaction); the recorded reference is the provider's when it gives one. */
async function settle(
  deps: Deps,
  request: FastifyRequest,
  provider: PaymentProvider,
  orderId: string,
  kind: 'payment' | 'refund',
  body: { amount: number; method: PaymentMethod; reference?: string | undefined },
): Promise<Result<string | undefined, PaymentError>> {
  const facts = await orderPaymentFacts(deps.db, orderId);
  if (!facts) return err({ code: 'not_found', id: orderId });
  const key = request.headers['idempotency-key'];
  const idempotencyKey = typeof key === 'string' && key ? key : randomUUID();
  const settled = await provider.settle({ orderId, kind, amount: body.amount, currency: facts.currency, method: body.method, reference: body.reference, idempotencyKey });
  if (!settled.ok) return err({ code: 'provider_declined', provider: provider.name, message: settled.error.message });
  return { ok: true, value: settled.value.reference ?? body.reference };
}

/** Payments and refunds of an order. */
export function registerPaymentRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/orders/:id/payments', {
    config: { access: PAYMENT_RECORDERS },
    schema: {
      tags: ['payments'],
      summary: 'Record a payment received (honours Idempotency-Key). 409 overpayment above the balance due, 409 order_cancelled for a cancelled order; nothing is written then',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: RecordPaymentRequest,
      response: { 201: Payment },
    },
  }, async (request, reply) => {
    const { id } = request.params;
    const provider = providerFor(request.body.method);
    const settled = await settle(deps, request, provider, id, 'payment', request.body);
    if (!settled.ok) return sendProblem(reply, paymentProblem(settled.error));
    const input = { ...request.body, reference: settled.value };
    const result = await deps.idempotency.run(request, 201, (tx) => recordPayment(tx, deps, actorOf(request.principal), id, input, { requestId: request.id, provider: provider.name }));
    if (!result.ok) return sendProblem(reply, paymentProblem(result.error));
    deps.wakeWorker();
    return sendStored(reply, result.value);
  });

  r.post('/api/v1/orders/:id/refunds', {
    config: { access: PAYMENT_RECORDERS },
    schema: {
      tags: ['payments'],
      summary: 'Record a refund (honours Idempotency-Key); reason required. 409 refund_exceeds_paid above paid − refunded; nothing is written then. A cancelled order owes nothing, so all it paid is refundable',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: RecordRefundRequest,
      response: { 201: Payment },
    },
  }, async (request, reply) => {
    const { id } = request.params;
    const method = request.body.method ?? 'bank_transfer';
    const provider = providerFor(method);
    const settled = await settle(deps, request, provider, id, 'refund', { ...request.body, method });
    if (!settled.ok) return sendProblem(reply, paymentProblem(settled.error));
    const input = { ...request.body, method, reference: settled.value };
    const result = await deps.idempotency.run(request, 201, (tx) => recordRefund(tx, deps, actorOf(request.principal), id, input, { requestId: request.id, provider: provider.name }));
    if (!result.ok) return sendProblem(reply, paymentProblem(result.error));
    deps.wakeWorker();
    return sendStored(reply, result.value);
  });

  r.get('/api/v1/orders/:id/payments', {
    config: { access: STAFF_ROLES },
    schema: {
      tags: ['payments'],
      summary: "An order's payments and refunds (oldest first), the summary (total, paid, refunded, balance due, status), the instalment schedule with states, and the net-terms due date",
      params: IdParams,
      querystring: PageQuery,
      response: { 200: OrderPayments },
    },
  }, async (request, reply) => {
    const result = await listPayments(deps.db, request.params.id, request.query, deps.clock.now().toISOString().slice(0, 10));
    if (!result.ok) return sendProblem(reply, paymentProblem(result.error));
    return result.value;
  });
}
