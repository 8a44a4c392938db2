import type { Order } from '@ordercare/contracts';
import { MessagesCard } from '../messages/MessageParts';

/** Messages sent (or not) about this order, with status and failure reasons. */
export function OrderMessages({ order }: { order: Order }) {
  return <MessagesCard filter={{ orderId: order.id }} testId="order-messages" />;
}
