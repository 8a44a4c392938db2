/** Row types of the tables owned by modules/inbox. */
export interface InboxMessagesTable {
  id: string; // inb_…
  customer_id: string;
  thread: string; // the order id, or 'general'
  order_id: string | null;
  order_number: string | null; // copied when written, so thread lists need no join into orders
  direction: string; // to_customer | from_customer
  author_type: string; // user | api_key | portal | system
  author_id: string | null;
  author_name: string | null;
  subject: string | null;
  body: string;
  read_at: string | null; // when the other side read it
  created_at: string;
}

export interface ContactLogsTable {
  id: string; // ctl_…
  customer_id: string;
  order_id: string | null;
  kind: string; // phone_call | video_call | meeting
  direction: string; // inbound | outbound
  occurred_at: string;
  duration_minutes: number | null;
  outcome: string; // reached | no_answer | left_message | resolved | follow_up_needed
  notes: string;
  follow_up_at: string | null;
  logged_by_type: string;
  logged_by_id: string | null;
  logged_by_name: string | null;
  created_at: string;
}
