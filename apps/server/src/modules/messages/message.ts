import { MessageReason, type Message, type MessageChannel, type MessageEventKey, type MessageReasonCode, type MessageStatus, type PassedOverChannel, type TemplateAttachment } from '@ordercare/contracts';
import type { MessagesTable } from '../../platform/db/schema.js';

/** Asks the sender to (try to) send a message: one event per attempt, unique by its dedupe key. */
export const SEND_DUE = 'message.send_due';
export const MAX_SEND_ATTEMPTS = 6;
const MIN = 60_000;
const RETRY_DELAYS_MS = [1 * MIN, 5 * MIN, 30 * MIN, 2 * 60 * MIN, 6 * 60 * MIN];

/** The wait after a temporary failure of attempt `attempt`, or null when it was the last. */
export function retryDelayMs(attempt: number, random: number = Math.random()): number | null {
  const base = RETRY_DELAYS_MS[attempt - 1];
  if (base === undefined || attempt >= MAX_SEND_ATTEMPTS) return null;
  return Math.round(base * (0.8 + random * 0.4));
}

export const OUTCOME_UNKNOWN = 'outcome unknown after a crash; check with the customer before resending';
export const EMAIL_OFF = 'email is off (no SMTP_URL): the message is kept, not sent';

/**
 * The columns that say why a message is where it is: `status_reason` in English with any technical
 * detail (for the API and the logs), and `reason` as a code the screens translate.
 */
export function because(code: MessageReasonCode, english: string, passedOver?: PassedOverChannel[]): Pick<MessagesTable, 'status_reason' | 'reason'> {
  return { status_reason: english, reason: JSON.stringify(passedOver ? { code, passedOver } : { code }) };
}
export const NO_REASON: Pick<MessagesTable, 'status_reason' | 'reason'> = { status_reason: null, reason: null };

/** Why a message of a channel that is not set up stays queued. */
export const keptReason = (channel: string) => because('channel_off', channel === 'email' ? EMAIL_OFF : `${channel} is not configured: the message is kept, not sent`);

/** The stored reason code, or null (none, or a message stored before codes existed). */
function parseReason(json: string | null): MessageReason | null {
  if (json === null) return null;
  try {
    const parsed = MessageReason.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface JourneyMessage {
  event: MessageEventKey;
  orderId: string | null;
  customerId: string;
  /** Extra template variables from the event (shipment, change, payment). */
  data: Record<string, unknown>;
}

const HELD_STATUS = new Set(['shipped', 'partially_shipped', 'delivered', 'completed']);

/**
 * Which journey message an outbox event asks for, or null. Shipped / delivered statuses come with
 * their shipment's own messages, so their `order.status_changed` sends nothing; `completed`
 * becomes the follow-up (its rule delays it).
 */
export function journeyMessageOf(type: string, payload: Record<string, unknown>): JourneyMessage | null {
  const customerId = typeof payload.customerId === 'string' ? payload.customerId : null;
  const orderId = typeof payload.orderId === 'string' ? payload.orderId : null;
  if (!customerId) return null;
  const m = (event: MessageEventKey, data: Record<string, unknown> = {}): JourneyMessage => ({ event, orderId, customerId, data });
  switch (type) {
    case 'order.placed':
      return m('order_confirmation');
    case 'order.status_changed': {
      const to = String(payload.to);
      if (to === 'completed') return m('follow_up');
      if (HELD_STATUS.has(to)) return null;
      return m('status_update', { status: to });
    }
    case 'order.change_requested':
      return m('change_approval_request', { change: { totalBefore: payload.totalBefore, totalAfter: payload.totalAfter, currency: payload.currency } });
    case 'order.changed':
      return m('change_notification', { change: { totalBefore: payload.totalBefore, totalAfter: payload.totalAfter, currency: payload.currency } });
    case 'payment.overdue':
      return m('payment_reminder', { payment: { amountOverdue: payload.amountOverdue, dueDate: payload.dueDate } });
    case 'shipment.created':
      return m('shipping_update', { shipment: { carrier: payload.carrierName ?? payload.carrier ?? null, trackingNumber: payload.trackingNumber ?? null, trackingUrl: payload.trackingUrl ?? null } });
    case 'shipment.event_recorded': {
      const kind = String(payload.type);
      if (kind === 'out_for_delivery') return m('delivery_coordination', { shipment: { status: kind, location: payload.location ?? null } });
      if (kind === 'in_transit' || kind === 'exception') return m('shipping_update', { shipment: { status: kind, location: payload.location ?? null } });
      return null;
    }
    case 'shipment.delivered':
      return m('delivery_confirmation', { shipment: { signedBy: payload.signedBy ?? null } });
    default:
      return null;
  }
}

export const JOURNEY_EVENT_TYPES = ['order.placed', 'order.status_changed', 'order.change_requested', 'order.changed', 'payment.overdue', 'shipment.created', 'shipment.event_recorded', 'shipment.delivered'] as const;

export function toMessage(r: MessagesTable): Message {
  return {
    id: r.id,
    customerId: r.customer_id,
    orderId: r.order_id,
    eventId: r.event_id,
    eventType: r.event_type,
    channel: r.channel as MessageChannel,
    to: r.to,
    locale: r.locale === 'zh-CN' ? 'zh-CN' : 'en',
    templateKey: r.template_key,
    templateVersion: r.template_version,
    subject: r.subject,
    text: r.text,
    html: r.html,
    attachments: JSON.parse(r.attachments) as TemplateAttachment[],
    status: r.status as MessageStatus,
    statusReason: r.status_reason,
    reason: parseReason(r.reason),
    attempts: r.attempts,
    providerMessageId: r.provider_message_id,
    sendAfter: r.send_after,
    sentAt: r.sent_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Expected outcomes of the module's commands; messages.problems.ts maps them to HTTP. */
export type MessageError =
  | { code: 'template_invalid'; problem: { field: string; message: string; line: number | null; column: number | null } }
  | { code: 'order_not_found'; ref: string }
  | { code: 'customer_not_found'; id: string }
  | { code: 'message_not_found'; id: string }
  | { code: 'template_version_not_found'; version: number }
  | { code: 'no_text' }
  | { code: 'no_address'; channel: string }
  | { code: 'not_resendable'; status: string }
  | { code: 'no_email' }
  | { code: 'version_conflict'; current: number };
