import { z } from 'zod';
import { Timestamp } from './common.js';

/**
 * Event types a webhook subscription may ask for (`'*'` = all of them). Internal timers
 * (`order.due`, `payment.due_check`, …) and the webhooks module's own `webhook.*` events are never sent.
 */
export const WEBHOOK_EVENT_TYPES = [
  'customer.created',
  'customer.updated',
  'product.created',
  'product.updated',
  'inventory.adjusted',
  'inventory.low_stock',
  'order.placed',
  'order.status_changed',
  'order.changed',
  'order.change_requested',
  'order.change_approved',
  'order.change_declined',
  'order.cancelled',
  'order.late',
  'invoice.issued',
  'payment.recorded',
  'refund.recorded',
  'payment.overdue',
  'shipment.created',
  'shipment.event_recorded',
  'shipment.delivered',
  'shipment.late',
  'shipment.cod_failed',
  'inbox.reply_received',
  'contact.logged',
  'message.sent',
  'message.failed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Header names of a delivery; see signing.ts on the server and README "Webhooks". */
export const WEBHOOK_HEADERS = {
  eventId: 'ordercare-event-id',
  eventType: 'ordercare-event-type',
  deliveryId: 'ordercare-delivery-id',
  timestamp: 'ordercare-timestamp',
  signature: 'ordercare-signature',
} as const;

const EventSelector = z.union([z.literal('*'), z.enum(WEBHOOK_EVENT_TYPES)], {
  error: () => `must be "*" or one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
});
const WebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http:// or https:// URL')
  .refine((v) => !URL.canParse(v) || (new URL(v).username === '' && new URL(v).password === ''), 'must not contain credentials (user:password@)');
const Events = z.array(EventSelector).min(1, 'must list at least one event type (or "*")').max(50);
const Description = z.string().trim().max(500);

export const CreateWebhookRequest = z.strictObject({
  url: WebhookUrl.describe('Where deliveries are POSTed (http or https; no credentials in the URL)'),
  events: Events.describe('Event types to deliver, or ["*"] for all'),
  description: Description.optional(),
  active: z.boolean().optional().describe('Default true'),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

export const UpdateWebhookRequest = z.strictObject({
  url: WebhookUrl.optional(),
  events: Events.optional(),
  description: Description.nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequest>;

export const Webhook = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  active: z.boolean(),
  secretHint: z.string().describe('The last 4 characters of the signing secret'),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Webhook = z.infer<typeof Webhook>;

/** Only the create and rotate-secret answers carry the secret; it is never shown again. */
export const WebhookWithSecret = Webhook.extend({ secret: z.string().describe('The signing secret, shown only in this answer') });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const WebhookList = z.object({ data: z.array(Webhook), nextCursor: z.string().nullable() });
export type WebhookList = z.infer<typeof WebhookList>;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export const WebhookDeliveryStatus = z.enum(WEBHOOK_DELIVERY_STATUSES);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookAttempt = z.object({
  number: z.number().int(),
  manual: z.boolean().describe('A redelivery asked for by staff'),
  at: Timestamp,
  succeeded: z.boolean(),
  httpStatus: z.number().int().nullable(),
  responseBody: z.string().nullable().describe('The first 2 KB of the answer'),
  durationMs: z.number().int(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const WebhookDelivery = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: WebhookDeliveryStatus,
  attemptCount: z.number().int(),
  nextAttemptAt: Timestamp.nullable(),
  createdAt: Timestamp,
  attempts: z.array(WebhookAttempt).describe('Oldest first'),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryList = z.object({ data: z.array(WebhookDelivery).describe('Newest first'), nextCursor: z.string().nullable() });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;
