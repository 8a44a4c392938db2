import { z } from 'zod';
import { Timestamp } from './common.js';

/**
 * Portal inbox (one thread per order and one general thread per customer) and logged contacts
 * (phone calls, video calls and meetings staff record on a customer). See docs/ARCHITECTURE.md
 * "Inbox and logged contacts".
 */
export const INBOX_DIRECTIONS = ['to_customer', 'from_customer'] as const;
export type InboxDirection = (typeof INBOX_DIRECTIONS)[number];
export const INBOX_AUTHOR_TYPES = ['user', 'api_key', 'portal', 'system'] as const;
export const INBOX_BODY_MAX = 5000;

export const InboxMessage = z.object({
  id: z.string(),
  customerId: z.string(),
  orderId: z.string().nullable().describe('null: the general thread of the customer'),
  orderNumber: z.string().nullable(),
  direction: z.enum(INBOX_DIRECTIONS),
  author: z.object({ type: z.enum(INBOX_AUTHOR_TYPES), id: z.string().nullable(), name: z.string().nullable() }),
  subject: z.string().nullable(),
  body: z.string(),
  readAt: Timestamp.nullable().describe('When the other side read it'),
  createdAt: Timestamp,
});
export type InboxMessage = z.infer<typeof InboxMessage>;

export const InboxReplyRequest = z.strictObject({
  subject: z.string().trim().max(200).optional(),
  body: z.string().trim().min(1, 'must not be empty').max(INBOX_BODY_MAX, `must be at most ${INBOX_BODY_MAX} characters`),
});
export type InboxReplyRequest = z.infer<typeof InboxReplyRequest>;

/** A thread as the portal lists it: the order (or null for the general thread), its last message and what the customer has not read. */
export const InboxThread = z.object({
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  lastMessageAt: Timestamp,
  lastSubject: z.string().nullable(),
  lastExcerpt: z.string().describe('The first 140 characters of the last message'),
  lastDirection: z.enum(INBOX_DIRECTIONS),
  messages: z.number().int(),
  unread: z.number().int(),
});
export type InboxThread = z.infer<typeof InboxThread>;

export const InboxThreadList = z.object({ data: z.array(InboxThread), unread: z.number().int().describe('Unread messages over all threads') });
export type InboxThreadList = z.infer<typeof InboxThreadList>;

/** One thread, oldest message first (the latest 500). */
export const InboxConversation = z.object({
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  data: z.array(InboxMessage),
  unread: z.number().int().describe("Messages from the other side the viewer has not read"),
});
export type InboxConversation = z.infer<typeof InboxConversation>;

export const InboxReadResult = z.object({ marked: z.number().int() });
export type InboxReadResult = z.infer<typeof InboxReadResult>;

/** Back office: threads with customer replies staff have not read. */
export const StaffInboxUnread = z.object({
  total: z.number().int(),
  threads: z.array(z.object({ customerId: z.string(), orderId: z.string().nullable(), orderNumber: z.string().nullable(), unread: z.number().int(), lastMessageAt: Timestamp })),
});
export type StaffInboxUnread = z.infer<typeof StaffInboxUnread>;

export const OrderIdParams = z.strictObject({ orderId: z.string().min(1).max(64) });

export const CONTACT_KINDS = ['phone_call', 'video_call', 'meeting'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const CONTACT_DIRECTIONS = ['inbound', 'outbound'] as const;
export const CONTACT_OUTCOMES = ['reached', 'no_answer', 'left_message', 'resolved', 'follow_up_needed'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const LogContactRequest = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  direction: z.enum(CONTACT_DIRECTIONS),
  occurredAt: Timestamp,
  durationMinutes: z.number().int().min(0).max(24 * 60).optional(),
  orderId: z.string().min(1).max(64).optional(),
  outcome: z.enum(CONTACT_OUTCOMES),
  notes: z.string().trim().max(INBOX_BODY_MAX).default(''),
  followUpAt: Timestamp.optional(),
});
export type LogContactRequest = z.infer<typeof LogContactRequest>;

export const ContactLogEntry = z.object({
  id: z.string(),
  customerId: z.string(),
  kind: z.enum(CONTACT_KINDS),
  direction: z.enum(CONTACT_DIRECTIONS),
  occurredAt: Timestamp,
  durationMinutes: z.number().int().nullable(),
  orderId: z.string().nullable(),
  outcome: z.enum(CONTACT_OUTCOMES),
  notes: z.string(),
  followUpAt: Timestamp.nullable(),
  loggedBy: z.object({ type: z.enum(INBOX_AUTHOR_TYPES), id: z.string().nullable(), name: z.string().nullable() }),
  createdAt: Timestamp,
});
export type ContactLogEntry = z.infer<typeof ContactLogEntry>;

export const ContactLogList = z.object({ data: z.array(ContactLogEntry), nextCursor: z.string().nullable() });
export type ContactLogList = z.infer<typeof ContactLogList>;
