import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, balanceDue, decidePayment, decideRefund, installmentPlan, installmentStates, netDueDate, paymentPosition, paymentStatusOf, type Amounts } from '../payment-status.js';

describe('payment status from amounts', () => {
  it('names each situation', () => {
    expect(paymentStatusOf({ due: 1000, paid: 0, refunded: 0 })).toBe('unpaid');
    expect(paymentStatusOf({ due: 1000, paid: 400, refunded: 0 })).toBe('partially_paid');
    expect(paymentStatusOf({ due: 1000, paid: 1000, refunded: 0 })).toBe('paid');
    expect(paymentStatusOf({ due: 1000, paid: 1000, refunded: 300 })).toBe('partially_refunded');
    expect(paymentStatusOf({ due: 1000, paid: 1000, refunded: 1000 })).toBe('refunded');
    expect(paymentStatusOf({ due: 0, paid: 500, refunded: 0 })).toBe('paid');
  });

  it('refuses a payment above the balance due and a refund above paid − refunded', () => {
    const a: Amounts = { due: 1000, paid: 600, refunded: 100 };
    expect(balanceDue(a)).toBe(500);
    expect(decidePayment(a, 501, false)).toEqual({ ok: false, error: { code: 'overpayment', amount: 501, balanceDue: 500 } });
    expect(decidePayment(a, 500, false)).toEqual({ ok: true, value: { amounts: { due: 1000, paid: 1100, refunded: 100 }, status: 'partially_refunded' } });
    expect(decideRefund(a, 501)).toEqual({ ok: false, error: { code: 'refund_exceeds_paid', amount: 501, refundable: 500 } });
    expect(decidePayment(a, 1, true)).toEqual({ ok: false, error: { code: 'order_cancelled' } });
  });

  it('property: for any sequence of payments and refunds, 0 ≤ paid − refunded ≤ total and the status matches the amounts', () => {
    const step = fc.record({ kind: fc.constantFrom('payment' as const, 'refund' as const), amount: fc.integer({ min: 1, max: 20_000 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.array(step, { maxLength: 40 }), (due, steps) => {
        let a: Amounts = { due, paid: 0, refunded: 0 };
        for (const s of steps) {
          const d = s.kind === 'payment' ? decidePayment(a, s.amount, false) : decideRefund(a, s.amount);
          const before = a;
          if (d.ok) {
            a = d.value.amounts;
            expect(d.value.status).toBe(paymentStatusOf(a));
          } else {
            // A refused step is refused for exactly the documented reason.
            if (s.kind === 'payment') expect(s.amount).toBeGreaterThan(balanceDue(before));
            else expect(s.amount).toBeGreaterThan(before.paid - before.refunded);
          }
          const net = a.paid - a.refunded;
          expect(net).toBeGreaterThanOrEqual(0);
          expect(net).toBeLessThanOrEqual(due);
          const status = paymentStatusOf(a);
          if (a.refunded > 0) expect(status).toBe(a.refunded === a.paid ? 'refunded' : 'partially_refunded');
          else if (a.paid === 0) expect(status).toBe('unpaid');
          else expect(status).toBe(a.paid >= due ? 'paid' : 'partially_paid');
          expect(balanceDue(a)).toBe(due - net);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('instalments', () => {
  it('spreads the total in equal floors with the remainder on the last, monthly from the placement date', () => {
    expect(installmentPlan(10_000, 3, '2026-01-31')).toEqual([
      { number: 1, dueDate: '2026-01-31', amount: 3333 },
      { number: 2, dueDate: '2026-02-28', amount: 3333 },
      { number: 3, dueDate: '2026-03-31', amount: 3334 },
    ]);
    expect(addMonths('2027-12-15', 2)).toBe('2028-02-15');
  });

  it('property: the instalments always add up exactly to the total and only the last differs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 2, max: 60 }), (total, n) => {
        const plan = installmentPlan(total, n, '2026-11-22');
        expect(plan).toHaveLength(n);
        expect(plan.reduce((s, p) => s + p.amount, 0)).toBe(total);
        for (const p of plan.slice(0, -1)) expect(p.amount).toBe(Math.floor(total / n));
        expect(plan.at(-1)!.amount).toBeGreaterThanOrEqual(plan[0]!.amount);
      }),
    );
  });

  it('allocates net payments oldest first; unpaid past its date is overdue', () => {
    const plan = installmentPlan(900, 3, '2026-10-01');
    expect(installmentStates(plan, 400, '2026-11-02').map((i) => [i.paid, i.state])).toEqual([
      [300, 'paid'],
      [100, 'overdue'],
      [0, 'due'],
    ]);
    expect(installmentStates(plan, 400, '2026-11-01').map((i) => i.state)).toEqual(['paid', 'due', 'due']);
  });

  it('net terms fall due netDays after the invoice date, and not before an invoice exists', () => {
    expect(netDueDate(null, 30)).toBeNull();
    expect(netDueDate('2026-11-22T09:00:00.000Z', 30)).toBe('2026-12-22');
    const facts = { status: 'confirmed', total: 1000, currency: 'CNY', paymentTerms: { method: 'net', netDays: 10 }, placedAt: '2026-11-01T00:00:00.000Z', invoicedAt: '2026-11-02T10:00:00.000Z', amountPaid: 0, amountRefunded: 0 };
    expect(paymentPosition(facts, '2026-11-12')).toMatchObject({ dueDate: '2026-11-12', overdue: false, installments: null });
    expect(paymentPosition(facts, '2026-11-13').overdue).toBe(true);
    expect(paymentPosition({ ...facts, amountPaid: 1000 }, '2026-11-13').overdue).toBe(false);
    expect(paymentPosition({ ...facts, status: 'cancelled', amountPaid: 400 }, '2026-11-13').summary).toMatchObject({ total: 0, balanceDue: 0, refundable: 400 });
  });
});
