/** Row types of the tables owned by modules/messages. */
export interface MessageTemplatesTable {
  key: string;
  channel: string;
  locale: string;
  current_version: number;
  updated_at: string;
}

/** Immutable: a save adds the next version. */
export interface MessageTemplateVersionsTable {
  key: string;
  channel: string;
  locale: string;
  version: number;
  subject: string | null;
  text: string;
  html: string | null;
  attachments: string; // JSON TemplateAttachment[]
  created_by: string | null;
  created_at: string;
}

export interface MessageRulesTable {
  event: string;
  enabled: number; // 0 | 1
  template_key: string;
  channels: string; // JSON RuleChannel[]
  quiet_hours_start: string | null; // HH:MM
  quiet_hours_end: string | null;
  time_zone: string;
  delay_minutes: number;
  version: number;
  updated_at: string;
}

export interface MessagesTable {
  id: string; // msg_…
  customer_id: string;
  order_id: string | null;
  event_id: string | null;
  event_type: string | null;
  channel: string; // email | sms | portal
  to: string;
  locale: string;
  template_key: string | null;
  template_version: number | null;
  subject: string | null;
  text: string;
  html: string | null;
  attachments: string; // JSON TemplateAttachment[]
  status: string; // queued | held | sending | sent | delivered | failed | bounced | suppressed
  status_reason: string | null;
  reason: string | null; // JSON MessageReason: status_reason as a code the screens translate
  attempts: number;
  idempotency_key: string; // unique: `${eventId}:${ruleKey}:${channel}` or the staff request's key
  provider_message_id: string | null;
  send_after: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}
