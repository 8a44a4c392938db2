/** A complete outbox row for tests that write rows directly (insert helpers); `status: 'done'`, so no worker picks it up. */
export const outboxRow = (id: string, extra: Partial<Record<string, unknown>> = {}) => ({
  id,
  type: 'test.row',
  aggregate_type: 'test',
  aggregate_id: id,
  payload: JSON.stringify({ id }),
  dedupe_key: null as string | null,
  status: 'done' as const,
  attempts: 0,
  last_error: null,
  available_at: '2026-01-01T00:00:00.000Z',
  locked_by: null,
  locked_until: null,
  created_at: '2026-01-01T00:00:00.000Z',
  processed_at: null,
  ...extra,
});
