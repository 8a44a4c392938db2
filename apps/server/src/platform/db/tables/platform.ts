/** Row types of the platform's tables: identity, sessions, API keys, audit log, outbox, idempotency. */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  locale: string;
  password_hash: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  kind: 'staff' | 'portal';
  subject_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  role: string;
  prefix: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface PortalAccountsTable {
  id: string;
  customer_id: string;
  email: string;
  name: string;
  locale: string;
  password_hash: string;
  active: number;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: string;
  request_id: string | null;
}

export interface OutboxTable {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: string;
  dedupe_key: string | null;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  last_error: string | null;
  available_at: string;
  locked_by: string | null;
  locked_until: string | null;
  created_at: string;
  processed_at: string | null;
}

export interface OutboxHandledTable {
  event_id: string;
  handler: string;
  handled_at: string;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response_body: string;
  created_at: string;
}
