import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/index.js';
import { issueInvoice } from '../../orders/index.js';
import { paymentOf, paymentsApi, placeOrder as place, positionOf, seedShop, type Order } from './helpers.js';

const DAY = 86_400_000;
const clock = manualClock(); // 2026-11-22T09:00Z
let rt: TestRuntime;
let acme: Customer;

beforeAll(async () => {
  rt = await startTestRuntime({ clock });
  acme = await seedShop(rt);
});
afterAll(() => rt?.close());

const placeOrder = (paymentTerms: object): Promise<Order> => place(rt, acme.id, { paymentTerms });

const overdueEvents = async (orderId: string) =>
  (await rt.deps.db.selectFrom('outbox').select('payload').where('type', '=', 'payment.overdue').where('aggregate_id', '=', orderId).orderBy('id').execute()).map((r) => JSON.parse(r.payload) as Record<string, unknown>);

describe('instalments and net terms', () => {
  it('spreads instalments, tracks their states, and raises payment.overdue through a timer when one is unpaid past its date', async () => {
    const order = await placeOrder({ method: 'installments', installments: 3 });
    const finance = paymentsApi(rt, await rt.asRole('finance'));
    let position = positionOf(await finance.list(order.id));
    expect(position.installments).toEqual([
      { number: 1, dueDate: '2026-11-22', amount: 3333, paid: 0, state: 'due' },
      { number: 2, dueDate: '2026-12-22', amount: 3333, paid: 0, state: 'due' },
      { number: 3, dueDate: '2027-01-22', amount: 3334, paid: 0, state: 'due' },
    ]);
    expect(position.dueDate).toBeNull();

    await rt.worker.drain(); // order.placed → one due-check timer per instalment
    const timers = await rt.deps.db.selectFrom('outbox').select(['dedupe_key', 'available_at']).where('type', '=', 'payment.due_check').where('aggregate_id', '=', order.id).orderBy('available_at').execute();
    expect(timers).toEqual([
      { dedupe_key: `payment.due:${order.id}:1`, available_at: '2026-11-23T00:00:00.000Z' },
      { dedupe_key: `payment.due:${order.id}:2`, available_at: '2026-12-23T00:00:00.000Z' },
      { dedupe_key: `payment.due:${order.id}:3`, available_at: '2027-01-23T00:00:00.000Z' },
    ]);

    paymentOf(await finance.pay(order.id, { amount: 4000, method: 'bank_transfer' }));
    clock.advance(31 * DAY); // 2026-12-23T09:00Z: instalment 1 paid, 2 partly paid and past due
    await rt.worker.drain();
    position = positionOf(await finance.list(order.id));
    expect(position.installments?.map((i) => [i.paid, i.state])).toEqual([
      [3333, 'paid'],
      [667, 'overdue'],
      [0, 'due'],
    ]);
    expect(position.overdue).toBe(true);
    expect(await overdueEvents(order.id)).toEqual([
      expect.objectContaining({ orderId: order.id, customerId: acme.id, kind: 'installment', installment: 2, dueDate: '2026-12-22', amountOverdue: 2666, balanceDue: 6000 }),
    ]);

    // Paid in full before the last date: that timer fires and raises nothing.
    paymentOf(await finance.pay(order.id, { amount: 6000, method: 'bank_transfer' }));
    clock.advance(32 * DAY);
    await rt.worker.drain();
    expect(await overdueEvents(order.id)).toHaveLength(1);
    expect(positionOf(await finance.list(order.id)).installments?.every((i) => i.state === 'paid')).toBe(true);
  });

  it('makes net terms due netDays after the invoice and raises payment.overdue when unpaid then', async () => {
    const unpaid = await placeOrder({ method: 'net', netDays: 10 });
    const paid = await placeOrder({ method: 'net', netDays: 10 });
    const finance = paymentsApi(rt, await rt.asRole('finance'));
    expect(positionOf(await finance.list(unpaid.id)).dueDate).toBeNull();
    const invoicedOn = clock.iso().slice(0, 10);
    for (const o of [unpaid, paid]) expect((await issueInvoice(rt.deps, SYSTEM_ACTOR, o.id)).ok).toBe(true);
    await rt.worker.drain(); // invoice.issued → the due-check timer
    const due = new Date(Date.parse(`${invoicedOn}T00:00:00Z`) + 10 * DAY).toISOString().slice(0, 10);
    expect(positionOf(await finance.list(unpaid.id))).toMatchObject({ dueDate: due, overdue: false });
    paymentOf(await finance.pay(paid.id, { amount: 10_000, method: 'bank_transfer' }));

    clock.advance(11 * DAY);
    await rt.worker.drain();
    expect(positionOf(await finance.list(unpaid.id))).toMatchObject({ dueDate: due, overdue: true });
    expect(await overdueEvents(unpaid.id)).toEqual([expect.objectContaining({ kind: 'invoice', dueDate: due, amountOverdue: 10_000 })]);
    expect(await overdueEvents(paid.id)).toEqual([]);
  });
});
