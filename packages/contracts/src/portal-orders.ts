import { z } from 'zod';
import { Order, OrderStatus, OrderSummary } from './orders.js';

/**
 * What a signed-in customer sees of their own orders: no staff notes, no priority, no channel and
 * no journey actions. Everything else is theirs (lines, totals, addresses, dates, the pending
 * change they are asked to answer).
 */
export const PortalOrder = Order.omit({ notes: true, priority: true, channel: true, allowedTransitions: true }).extend({
  invoiceAvailable: z.boolean().describe('An invoice has been issued and can be downloaded'),
});
export type PortalOrder = z.infer<typeof PortalOrder>;

export const PortalOrderSummary = OrderSummary.omit({ priority: true, channel: true, customerId: true, customerName: true }).extend({
  changePending: z.boolean().describe('A change waits for the customer\'s answer'),
});
export type PortalOrderSummary = z.infer<typeof PortalOrderSummary>;

export const PortalOrderListQuery = z.strictObject({
  status: OrderStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});
export type PortalOrderListQuery = z.infer<typeof PortalOrderListQuery>;
