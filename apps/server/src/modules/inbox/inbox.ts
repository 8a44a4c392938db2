import type { InboxDirection } from '@ordercare/contracts';

/** The general thread of a customer (messages not about one order). */
export const GENERAL_THREAD = 'general';
/** A thread shows its latest messages, oldest first. */
export const THREAD_LIMIT = 500;

export const INBOX_REPLY_RECEIVED = 'inbox.reply_received';
export const INBOX_MESSAGE_SENT = 'inbox.message_sent';
export const CONTACT_LOGGED = 'contact.logged';

export type InboxError =
  | { code: 'order_not_found'; id: string }
  | { code: 'customer_not_found'; id: string }
  | { code: 'order_not_of_customer'; orderId: string }
  | { code: 'occurred_in_future' };

/** Which side a viewer reads: the customer reads what staff sent, staff read the customer's replies. */
export function incomingFor(viewer: 'customer' | 'staff'): InboxDirection {
  return viewer === 'customer' ? 'to_customer' : 'from_customer';
}

export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
