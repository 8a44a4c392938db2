import type { Deps } from '../../deps.js';
import type { Tx } from '../../platform/db/index.js';
import { emitEvent, scheduleTimer, type OutboxHandler } from '../../platform/outbox/index.js';
import { orderPaymentFacts, prefetchOrders, type OrderPaymentFacts } from '../orders/index.js';
import { addDays, paymentPosition } from './payment-status.js';

/** The timer event: fires the day after an instalment or a net invoice falls due. */
export const DUE_CHECK = 'payment.due_check';

const dueKey = (orderId: string, what: number | 'invoice') => `payment.due:${orderId}:${what}`;
const dayAfter = (date: string) => `${addDays(date, 1)}T00:00:00.000Z`;

/** One timer per instalment (on `order.placed`) or per net invoice (on `invoice.issued`). */
async function scheduleDueChecks(tx: Tx, now: string, facts: OrderPaymentFacts): Promise<number> {
  const position = paymentPosition(facts, now.slice(0, 10));
  const due: { what: number | 'invoice'; dueDate: string }[] = [
    ...(position.installments ?? []).map((i) => ({ what: i.number, dueDate: i.dueDate })),
    ...(position.dueDate ? [{ what: 'invoice' as const, dueDate: position.dueDate }] : []),
  ];
  for (const d of due) {
    await scheduleTimer(tx, now, dayAfter(d.dueDate), {
      type: DUE_CHECK,
      aggregateType: 'order',
      aggregateId: facts.orderId,
      payload: { orderId: facts.orderId, installment: d.what === 'invoice' ? null : d.what, dueDate: d.dueDate },
      dedupeKey: dueKey(facts.orderId, d.what),
    });
  }
  return due.length;
}

/** Schedules the overdue checks of instalment plans and net invoices. */
export function overdueTimersHandler(deps: Deps): OutboxHandler {
  return {
    name: 'payments.schedule_due_checks',
    transactional: true,
    events: ['order.placed', 'invoice.issued'],
    prepare: (tx, events) => prefetchOrders(tx, events.flatMap((e) => (typeof e.payload.orderId === 'string' ? [e.payload.orderId] : []))),
    async handle(ctx) {
      const orderId = ctx.event.payload.orderId;
      if (typeof orderId !== 'string') return;
      await ctx.once(async (tx) => {
        const facts = await orderPaymentFacts(tx, orderId);
        if (facts) await scheduleDueChecks(tx, deps.clock.now().toISOString(), facts);
      });
    },
  };
}

/**
 * When a due check fires, the order is looked at as it is now (payments, refunds, an approved
 * change re-spreading the plan, a cancellation): if that instalment or the invoice is still unpaid
 * past its date, `payment.overdue` is emitted once (dedupe key per instalment / invoice).
 */
export function overdueHandler(deps: Deps): OutboxHandler {
  return {
    name: 'payments.overdue',
    transactional: true,
    events: [DUE_CHECK],
    async handle(ctx) {
      const { orderId, installment } = ctx.event.payload;
      if (typeof orderId !== 'string') return;
      await ctx.once(async (tx) => {
        const facts = await orderPaymentFacts(tx, orderId);
        if (!facts || facts.status === 'cancelled') return;
        const now = deps.clock.now().toISOString();
        const position = paymentPosition(facts, now.slice(0, 10));
        const common = { orderId, customerId: facts.customerId, number: facts.number, currency: facts.currency, balanceDue: position.summary.balanceDue };
        if (typeof installment === 'number') {
          const i = position.installments?.find((x) => x.number === installment);
          if (!i || i.state !== 'overdue') return;
          await emitEvent(tx, now, { type: 'payment.overdue', aggregateType: 'order', aggregateId: orderId, dedupeKey: `payment.overdue:${orderId}:${installment}`, payload: { ...common, kind: 'installment', installment, dueDate: i.dueDate, amountOverdue: i.amount - i.paid } });
        } else if (position.dueDate && position.dueDate < now.slice(0, 10) && position.summary.balanceDue > 0) {
          await emitEvent(tx, now, { type: 'payment.overdue', aggregateType: 'order', aggregateId: orderId, dedupeKey: `payment.overdue:${orderId}:invoice`, payload: { ...common, kind: 'invoice', installment: null, dueDate: position.dueDate, amountOverdue: position.summary.balanceDue } });
        }
      });
    },
  };
}

export function paymentsHandlers(deps: Deps): OutboxHandler[] {
  return [overdueTimersHandler(deps), overdueHandler(deps)];
}
