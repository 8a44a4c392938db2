import { z } from 'zod';
import { Locale, PageQuery, Timestamp } from './common.js';

/** Channels a message can go out on (logged phone / visit contacts are not messages). */
export const MESSAGE_CHANNELS = ['email', 'sms', 'portal'] as const;
export const MessageChannel = z.enum(MESSAGE_CHANNELS);
export type MessageChannel = z.infer<typeof MessageChannel>;

/**
 * queued → sending → sent → delivered, or failed / bounced. `held` waits for the end of quiet
 * hours (or a delay), `suppressed` was never sent because consent or opt-outs forbid every channel.
 */
export const MESSAGE_STATUSES = ['queued', 'held', 'sending', 'sent', 'delivered', 'failed', 'bounced', 'suppressed'] as const;
export const MessageStatus = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatus>;

/** What a template is for: one per journey message the product sends. */
export const TEMPLATE_KEYS = [
  'order_confirmation',
  'status_update',
  'change_approval_request',
  'change_notification',
  'payment_reminder',
  'shipping_update',
  'delivery_coordination',
  'delivery_confirmation',
  'issue_acknowledgement',
  'issue_resolution',
  'follow_up',
  'greeting',
] as const;
export const TemplateKey = z.enum(TEMPLATE_KEYS);
export type TemplateKey = z.infer<typeof TemplateKey>;

/** Order documents a template may attach to its email. */
export const TEMPLATE_ATTACHMENTS = ['confirmation', 'invoice', 'packing-slip'] as const;
export const TemplateAttachment = z.enum(TEMPLATE_ATTACHMENTS);
export type TemplateAttachment = z.infer<typeof TemplateAttachment>;

/**
 * Why a message is where it is, as a code the screens translate (`statusReason` is the same in
 * English, with the technical detail: a template's problem, the mail server's answer).
 */
export const MESSAGE_REASON_CODES = [
  'held_until', // waits for quiet hours or the rule's delay, until sendAfter
  'channel_off', // the channel is not set up (email without SMTP_URL): kept, not sent
  'rule_off', // the rule for the event is switched off
  'no_marketing_consent',
  'no_channel', // every channel of the rule was passed over (see passedOver)
  'render_failed',
  'retrying', // an attempt failed; the next is at sendAfter
  'send_failed',
  'outcome_unknown', // the server stopped while sending
  'resent', // staff sent it again
] as const;
export const MessageReasonCode = z.enum(MESSAGE_REASON_CODES);
export type MessageReasonCode = z.infer<typeof MessageReasonCode>;
export const PassedOverChannel = z.object({ channel: MessageChannel, why: z.enum(['opted_out', 'no_address', 'unavailable']) });
export type PassedOverChannel = z.infer<typeof PassedOverChannel>;
export const MessageReason = z.object({ code: MessageReasonCode, passedOver: z.array(PassedOverChannel).optional() });
export type MessageReason = z.infer<typeof MessageReason>;

export const Message = z.object({
  id: z.string(),
  customerId: z.string(),
  orderId: z.string().nullable(),
  eventId: z.string().nullable(),
  eventType: z.string().nullable(),
  channel: MessageChannel,
  to: z.string(),
  locale: Locale,
  templateKey: z.string().nullable(),
  templateVersion: z.number().int().nullable(),
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  attachments: z.array(TemplateAttachment),
  status: MessageStatus,
  statusReason: z.string().nullable(),
  /** `statusReason` as a code; null when there is none, and for messages stored before codes existed. */
  reason: MessageReason.nullable(),
  attempts: z.number().int(),
  providerMessageId: z.string().nullable(),
  sendAfter: Timestamp.nullable(),
  sentAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Message = z.infer<typeof Message>;
export const MessageList = z.object({ data: z.array(Message), nextCursor: z.string().nullable() });
export type MessageList = z.infer<typeof MessageList>;

export const MessageListQuery = PageQuery.extend({
  customerId: z.string().max(64).optional(),
  orderId: z.string().max(64).optional(),
  status: MessageStatus.optional(),
  channel: MessageChannel.optional(),
});
export type MessageListQuery = z.infer<typeof MessageListQuery>;

/** A one-off message from staff: a template (rendered for the order when given) or free text. */
export const SendMessageRequest = z.strictObject({
  customerId: z.string().min(1).max(64),
  orderId: z.string().min(1).max(64).optional(),
  channel: MessageChannel.optional().describe("Default: the customer's preferred channel (email when that is not a message channel)"),
  templateKey: TemplateKey.optional(),
  subject: z.string().trim().min(1).max(300).optional(),
  text: z.string().trim().min(1).max(20_000).optional().describe('Free text; required without templateKey'),
});
export type SendMessageRequest = z.infer<typeof SendMessageRequest>;

export const MessagesStatus = z.object({ emailConfigured: z.boolean(), smsConfigured: z.boolean() });
export type MessagesStatus = z.infer<typeof MessagesStatus>;

export const TemplateParams = z.strictObject({ key: TemplateKey, channel: MessageChannel, locale: Locale });

const TemplateBody = {
  subject: z.string().max(500).nullable().describe('Liquid; email only (null for sms and portal uses the text)'),
  text: z.string().min(1, 'must not be empty').max(20_000).describe('Liquid; the plain-text part, the SMS or the inbox entry'),
  html: z.string().max(100_000).nullable().describe('Liquid; the HTML part of an email (output is HTML-escaped)'),
  attachments: z.array(TemplateAttachment).max(3).describe('Order documents attached to the email'),
};

export const MessageTemplate = z.object({
  key: TemplateKey,
  channel: MessageChannel,
  locale: Locale,
  /** 0 is the default shipped with OrderCare; each save makes the next version. */
  version: z.number().int(),
  ...TemplateBody,
  updatedAt: Timestamp.nullable(),
  updatedBy: z.string().nullable(),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;
export const MessageTemplateList = z.object({ data: z.array(MessageTemplate) });
export type MessageTemplateList = z.infer<typeof MessageTemplateList>;
export const MessageTemplateVersions = z.object({ data: z.array(MessageTemplate) });
export type MessageTemplateVersions = z.infer<typeof MessageTemplateVersions>;

export const SaveTemplateRequest = z.strictObject(TemplateBody);
export type SaveTemplateRequest = z.infer<typeof SaveTemplateRequest>;

/** Renders a template body against a real order (by id or number) without saving it. */
export const PreviewTemplateRequest = z.strictObject({
  key: TemplateKey,
  channel: MessageChannel,
  locale: Locale,
  ...TemplateBody,
  orderId: z.string().min(1).max(64).optional(),
  orderNumber: z.string().trim().min(1).max(64).optional(),
});
export type PreviewTemplateRequest = z.infer<typeof PreviewTemplateRequest>;
export const TemplatePreview = z.object({ subject: z.string().nullable(), text: z.string(), html: z.string().nullable(), orderNumber: z.string().nullable() });
export type TemplatePreview = z.infer<typeof TemplatePreview>;

export const TestSendRequest = z.strictObject({ orderId: z.string().min(1).max(64).optional(), orderNumber: z.string().trim().min(1).max(64).optional() });
export type TestSendRequest = z.infer<typeof TestSendRequest>;
export const TestSendResult = z.object({ to: z.string(), sent: z.boolean(), detail: z.string() });
export type TestSendResult = z.infer<typeof TestSendResult>;

/** Journey events that can send a message. */
export const MESSAGE_EVENT_KEYS = [
  'order_confirmation',
  'status_update',
  'change_approval_request',
  'change_notification',
  'payment_reminder',
  'shipping_update',
  'delivery_coordination',
  'delivery_confirmation',
  'follow_up',
] as const;
export const MessageEventKey = z.enum(MESSAGE_EVENT_KEYS);
export type MessageEventKey = z.infer<typeof MessageEventKey>;

/** A channel in a rule's order of preference: `preferred` is the customer's own choice. */
export const RuleChannel = z.enum(['preferred', ...MESSAGE_CHANNELS]);
export type RuleChannel = z.infer<typeof RuleChannel>;
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 21:00');

const ruleFields = {
  enabled: z.boolean(),
  templateKey: TemplateKey,
  channels: z.array(RuleChannel).min(1).max(4).describe('Tried in order; the first the customer allows and can be reached on is used'),
  quietHoursStart: ClockTime.nullable(),
  quietHoursEnd: ClockTime.nullable(),
  timeZone: z.string().min(1).max(64).refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Shanghai'),
  delayMinutes: z.number().int().min(0).max(60 * 24 * 90),
};
export const MessageRule = z.object({ event: MessageEventKey, ...ruleFields, version: z.number().int(), updatedAt: Timestamp.nullable() });
export type MessageRule = z.infer<typeof MessageRule>;
export const MessageRuleList = z.object({ data: z.array(MessageRule) });
export type MessageRuleList = z.infer<typeof MessageRuleList>;
export const UpdateMessageRuleRequest = z.strictObject(ruleFields);
export type UpdateMessageRuleRequest = z.infer<typeof UpdateMessageRuleRequest>;
