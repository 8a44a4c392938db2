import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { footprint, moveOrder, orderEvents, orderOf, paymentOf, paymentsApi, placeOrder as place, positionOf, problemOf, seedShop, type Order } from './helpers.js';

let rt: TestRuntime;
let acme: Customer;

beforeAll(async () => {
  rt = await startTestRuntime();
  acme = await seedShop(rt);
});
afterAll(() => rt?.close());

/** An order of 10 × 10.00 = 100.00 CNY (10000 minor units) unless told otherwise. */
const placeOrder = (over: Record<string, unknown> = {}): Promise<Order> => place(rt, acme.id, over);

describe('POST /orders/{id}/payments and /refunds', () => {
  it('records payments and refunds; the payment status, balance, history, audit and events follow', async () => {
    const order = await placeOrder();
    expect(order).toMatchObject({ paymentStatus: 'unpaid', amountPaid: 0, amountRefunded: 0, balanceDue: 10_000 });
    const finance = paymentsApi(rt, await rt.asRole('finance'));

    const first = paymentOf(await finance.pay(order.id, { amount: 4000, method: 'bank_transfer', reference: 'HSBC-778' }));
    expect(first).toMatchObject({ kind: 'payment', amount: 4000, currency: 'CNY', method: 'bank_transfer', provider: 'manual', reference: 'HSBC-778' });
    expect(orderOf(await finance.order(order.id))).toMatchObject({ paymentStatus: 'partially_paid', amountPaid: 4000, balanceDue: 6000, version: order.version + 1 });

    paymentOf(await finance.pay(order.id, { amount: 6000, method: 'cash' }));
    expect(orderOf(await finance.order(order.id))).toMatchObject({ paymentStatus: 'paid', amountPaid: 10_000, balanceDue: 0 });

    const refund = paymentOf(await finance.refund(order.id, { amount: 2500, reason: 'Damaged box' }));
    expect(refund).toMatchObject({ kind: 'refund', amount: 2500, reason: 'Damaged box', method: 'bank_transfer' });
    let position = positionOf(await finance.list(order.id));
    expect(position.summary).toEqual({ total: 10_000, amountPaid: 10_000, amountRefunded: 2500, balanceDue: 2500, refundable: 7500, paymentStatus: 'partially_refunded', currency: 'CNY' });
    expect(position.data.map((p) => [p.kind, p.amount])).toEqual([['payment', 4000], ['payment', 6000], ['refund', 2500]]);

    paymentOf(await finance.refund(order.id, { amount: 7500, reason: 'Order returned' }));
    position = positionOf(await finance.list(order.id));
    expect(position.summary).toMatchObject({ amountRefunded: 10_000, paymentStatus: 'refunded', refundable: 0 });

    const history = await orderEvents(rt, order.id);
    const money = history.filter((e) => e.type === 'payment_recorded' || e.type === 'refund_recorded');
    expect(money.map((e) => [e.type, e.reason])).toEqual([
      ['payment_recorded', 'HSBC-778'],
      ['payment_recorded', null],
      ['refund_recorded', 'Damaged box'],
      ['refund_recorded', 'Order returned'],
    ]);
    expect(money[0]!.changes).toEqual({ amountPaid: { from: 0, to: 4000 }, paymentStatus: { from: 'unpaid', to: 'partially_paid' } });

    const audit = await rt.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', order.id).where('action', 'in', ['payment.recorded', 'refund.recorded']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['payment.recorded', 'payment.recorded', 'refund.recorded', 'refund.recorded']);
    const events = await rt.deps.db.selectFrom('outbox').select(['type', 'payload']).where('aggregate_id', '=', order.id).where('type', 'in', ['payment.recorded', 'refund.recorded']).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['payment.recorded', 'payment.recorded', 'refund.recorded', 'refund.recorded']);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ orderId: order.id, customerId: acme.id, amount: 4000, balanceDue: 6000, paymentStatus: 'partially_paid' });
  });

  it('answers 409 overpayment above the balance due and writes nothing', async () => {
    const order = await placeOrder();
    const finance = paymentsApi(rt, await rt.asRole('finance'));
    paymentOf(await finance.pay(order.id, { amount: 9000, method: 'cheque', reference: 'CHQ-1' }));
    const before = await footprint(rt, order.id);
    const res = await finance.pay(order.id, { amount: 1001, method: 'cash' });
    expect([res.statusCode, problemOf(res).code]).toEqual([409, 'overpayment']);
    expect(problemOf(res).detail).toContain('Record at most 1000');
    expect(problemOf(res).errors).toEqual([{ path: 'body.amount', message: 'must be at most the balance due, 1000' }]);
    expect(await footprint(rt, order.id)).toEqual(before);
  });

  it('answers 409 refund_exceeds_paid above paid − refunded and writes nothing', async () => {
    const order = await placeOrder();
    const admin = paymentsApi(rt, await rt.asRole('admin'));
    const nothing = await admin.refund(order.id, { amount: 1, reason: 'Goodwill' });
    expect([nothing.statusCode, problemOf(nothing).code]).toEqual([409, 'refund_exceeds_paid']);
    paymentOf(await admin.pay(order.id, { amount: 3000, method: 'bank_transfer' }));
    paymentOf(await admin.refund(order.id, { amount: 1000, reason: 'Price corrected' }));
    const before = await footprint(rt, order.id);
    const res = await admin.refund(order.id, { amount: 2001, reason: 'Too much' });
    expect([res.statusCode, problemOf(res).code]).toEqual([409, 'refund_exceeds_paid']);
    expect(problemOf(res).detail).toContain('Refund at most 2000');
    expect(await footprint(rt, order.id)).toEqual(before);
  });

  it('rejects bad input with 400 naming the field, and writes nothing', async () => {
    const order = await placeOrder();
    const admin = paymentsApi(rt, await rt.asRole('admin'));
    const before = await footprint(rt, order.id);
    for (const [send, body, path] of [
      [admin.pay, { amount: 0, method: 'cash' }, 'body.amount'],
      [admin.pay, { amount: 10.5, method: 'cash' }, 'body.amount'],
      [admin.pay, { amount: 100, method: 'bitcoin' }, 'body.method'],
      [admin.refund, { amount: 100 }, 'body.reason'],
      [admin.refund, { amount: 100, reason: '   ' }, 'body.reason'],
      [admin.refund, { amount: -5, reason: 'x' }, 'body.amount'],
    ] as const) {
      const res = await send(order.id, body);
      expect([res.statusCode, problemOf(res).code], res.body).toEqual([400, 'validation_failed']);
      expect(problemOf(res).errors?.map((e) => e.path)).toContain(path);
    }
    expect(await footprint(rt, order.id)).toEqual(before);
    const missing = await admin.pay('ord_missing', { amount: 1, method: 'cash' });
    expect([missing.statusCode, problemOf(missing).code]).toEqual([404, 'not_found']);
  });

  it('lets only admin, manager and finance record money; every staff role reads it', async () => {
    const order = await placeOrder();
    for (const role of ['sales', 'support', 'warehouse'] as const) {
      const api = paymentsApi(rt, await rt.asRole(role));
      expect((await api.pay(order.id, { amount: 1, method: 'cash' })).statusCode).toBe(403);
      expect((await api.refund(order.id, { amount: 1, reason: 'x' })).statusCode).toBe(403);
      expect((await api.list(order.id)).statusCode).toBe(200);
    }
    expect((await paymentsApi(rt, await rt.asRole('manager')).pay(order.id, { amount: 1, method: 'cash' })).statusCode).toBe(201);
  });

  it('accepts no payment for a cancelled order, which owes nothing, and refunds everything it paid', async () => {
    const order = await placeOrder();
    const admin = paymentsApi(rt, await rt.asRole('admin'));
    paymentOf(await admin.pay(order.id, { amount: 4000, method: 'bank_transfer' }));
    expect((await moveOrder(rt, 'admin', order.id, 'cancelled', 'Customer withdrew')).statusCode).toBe(200);
    expect(orderOf(await admin.order(order.id))).toMatchObject({ balanceDue: 0, amountPaid: 4000 });
    const refused = await admin.pay(order.id, { amount: 1, method: 'cash' });
    expect([refused.statusCode, problemOf(refused).code]).toEqual([409, 'order_cancelled']);
    paymentOf(await admin.refund(order.id, { amount: 4000, reason: 'Order cancelled' }));
    expect(positionOf(await admin.list(order.id)).summary).toMatchObject({ total: 0, balanceDue: 0, refundable: 0, paymentStatus: 'refunded' });
  });
});

describe('idempotency and concurrency', () => {
  it('records one payment for the same request retried 5 times concurrently with one key', async () => {
    const order = await placeOrder();
    const finance = paymentsApi(rt, await rt.asRole('finance'));
    const body = { amount: 2500, method: 'bank_transfer', reference: 'TT-5' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => finance.pay(order.id, body, { 'idempotency-key': 'pay-5x' })));
    const won = answers.filter((a) => a.statusCode === 201);
    const busy = answers.filter((a) => a.statusCode === 409);
    expect(won.length + busy.length).toBe(5);
    for (const b of busy) expect(problemOf(b).code).toBe('idempotency_in_progress');
    expect(new Set(won.map((a) => a.json<{ id: string }>().id)).size).toBe(1);
    const replay = await finance.pay(order.id, body, { 'idempotency-key': 'pay-5x' });
    expect([replay.statusCode, replay.headers['idempotent-replayed'], replay.json<{ id: string }>().id]).toEqual([201, 'true', won[0]!.json<{ id: string }>().id]);
    const position = positionOf(await finance.list(order.id));
    expect(position.data).toHaveLength(1);
    expect(position.summary.amountPaid).toBe(2500);
    const reused = await finance.pay(order.id, { ...body, amount: 2600 }, { 'idempotency-key': 'pay-5x' });
    expect([reused.statusCode, problemOf(reused).code]).toEqual([422, 'idempotency_key_reused']);
  });

  it('lets exactly 2 of 10 concurrent payments of 40 % through: together they never exceed the balance', async () => {
    const order = await placeOrder();
    const finance = paymentsApi(rt, await rt.asRole('finance'));
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => finance.pay(order.id, { amount: 4000, method: 'bank_transfer', reference: `race-${i}` })));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(2);
    const refused = answers.filter((a) => a.statusCode !== 201);
    expect(refused.map((a) => problemOf(a).code)).toEqual(Array(8).fill('overpayment'));
    const position = positionOf(await finance.list(order.id));
    expect(position.summary).toMatchObject({ amountPaid: 8000, balanceDue: 2000, paymentStatus: 'partially_paid' });
    expect(position.data).toHaveLength(2);
  });
});
