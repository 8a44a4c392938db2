import type { OrderStatus } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../platform/db/index.js';
import { emitEvent, scheduleTimer, type OutboxHandler } from '../../platform/outbox/index.js';
import { getOrder } from '../orders/index.js';
import * as repo from './shipments.repo.js';
import { endOfDay } from './shipment.js';

/** Orders in these statuses are no longer late, whatever their date. */
const SETTLED: readonly OrderStatus[] = ['delivered', 'completed', 'cancelled'];

/** One due-date timer per order and date: an edit that moves the date gets a new one. */
export const orderDueKey = (orderId: string, date: string) => `order.due:${orderId}:${date}`;

/** `order.placed` → a timer at the end of the order's due day (promised, else requested). */
export function orderDueTimerHandler(deps: Pick<Deps, 'clock'>): OutboxHandler {
  return {
    name: 'shipments.order_due_timer',
    transactional: true,
    events: ['order.placed'],
    async handle(ctx) {
      const orderId = String(ctx.event.payload.orderId);
      // order.placed carries the due date; events written before it did need the order read.
      const carried = ctx.event.payload.dueDate;
      const due = typeof carried === 'string' ? carried : await dueDateOf(ctx.db, orderId);
      if (!due) return;
      await ctx.once((tx) => scheduleTimer(tx, deps.clock.now().toISOString(), endOfDay(due), { type: 'order.due', aggregateType: 'order', aggregateId: orderId, payload: { orderId, dueDate: due }, dedupeKey: orderDueKey(orderId, due) }));
    },
  };
}

async function dueDateOf(db: Executor, orderId: string): Promise<string | undefined> {
  const order = await getOrder(db, orderId);
  return order ? (order.promisedDeliveryDate ?? order.requestedDeliveryDate) : undefined;
}

/**
 * `order.due` → `order.late` when the order is still not delivered, completed or cancelled. If
 * its date moved later meanwhile, a new timer for the new date replaces the alarm.
 */
export function orderLateHandler(deps: Pick<Deps, 'clock' | 'wakeWorker'>): OutboxHandler {
  return {
    name: 'shipments.order_late',
    transactional: true,
    events: ['order.due'],
    async handle(ctx) {
      const orderId = String(ctx.event.payload.orderId);
      const order = await getOrder(ctx.db, orderId);
      if (!order || SETTLED.includes(order.status)) return;
      const now = deps.clock.now().toISOString();
      const due = order.promisedDeliveryDate ?? order.requestedDeliveryDate;
      if (endOfDay(due) > now) {
        await ctx.once((tx) => scheduleTimer(tx, now, endOfDay(due), { type: 'order.due', aggregateType: 'order', aggregateId: orderId, payload: { orderId, dueDate: due }, dedupeKey: orderDueKey(orderId, due) }));
        return;
      }
      await ctx.once((tx) =>
        emitEvent(tx, now, { type: 'order.late', aggregateType: 'order', aggregateId: orderId, payload: { orderId, customerId: order.customerId, number: order.number, dueDate: due, status: order.status, priority: order.priority } }),
      );
      deps.wakeWorker();
    },
  };
}

/** `shipment.due` (end of its estimated delivery day) → `shipment.late` unless delivered. */
export function shipmentLateHandler(deps: Pick<Deps, 'clock' | 'wakeWorker'>): OutboxHandler {
  return {
    name: 'shipments.shipment_late',
    transactional: true,
    events: ['shipment.due'],
    async handle(ctx) {
      const shipmentId = String(ctx.event.payload.shipmentId);
      const shipment = await repo.findShipment(ctx.db, shipmentId);
      if (!shipment || shipment.status === 'delivered') return;
      const order = await getOrder(ctx.db, shipment.order_id);
      if (!order) return;
      const now = deps.clock.now().toISOString();
      await ctx.once((tx) =>
        emitEvent(tx, now, {
          type: 'shipment.late',
          aggregateType: 'shipment',
          aggregateId: shipmentId,
          payload: { shipmentId, orderId: order.id, customerId: order.customerId, number: order.number, estimatedDeliveryDate: shipment.estimated_delivery_date, status: shipment.status, carrier: shipment.carrier_code, trackingNumber: shipment.tracking_number },
        }),
      );
      deps.wakeWorker();
    },
  };
}

export function shipmentsHandlers(deps: Deps): OutboxHandler[] {
  return [orderDueTimerHandler(deps), orderLateHandler(deps), shipmentLateHandler(deps)];
}
