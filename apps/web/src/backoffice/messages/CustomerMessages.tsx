import { MessagesCard } from './MessageParts';

/** The customer's messages with their status (failures with the reason), on the customer page. */
export function CustomerMessages({ customerId }: { customerId: string }) {
  return <MessagesCard filter={{ customerId }} testId="customer-messages" />;
}
