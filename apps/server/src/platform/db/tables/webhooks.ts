/** Row types of the tables owned by modules/webhooks. */
export interface WebhookSubscriptionsTable {
  id: string; // whk_…
  url: string;
  events: string; // JSON array of event types or ["*"]
  description: string | null;
  active: number; // 0 | 1
  secret: string; // whsec_…; needed in clear to sign, never returned after create/rotate
  version: number;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string; // whd_…
  subscription_id: string;
  event_id: string;
  event_type: string;
  event_created_at: string;
  payload: string; // JSON of the event's payload, kept so redelivery works after the outbox row is gone
  status: string; // pending | succeeded | failed
  attempt_count: number;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookAttemptsTable {
  id: string; // wha_…
  delivery_id: string;
  trigger_id: string; // the outbox event that asked for this attempt: unique, so a retried handler records once
  number: number;
  manual: number; // 0 | 1
  attempted_at: string;
  succeeded: number; // 0 | 1
  http_status: number | null;
  response_body: string | null;
  duration_ms: number;
  error: string | null;
}
