import type { AuditEntry } from '@ordercare/contracts';
import type { Actor } from './auth/principal.js';
import { decodeCursor, encodeCursor } from './db/cursor.js';
import { insertSoon } from './db/insert-queue.js';
import type { Executor } from './db/schema.js';
import { newId } from './ids.js';

const REDACTED = new Set(['password', 'passwordHash', 'password_hash', 'token', 'tokenHash', 'token_hash', 'csrfToken']);

export interface AuditInput {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  /** The record before the write (undefined for a create). */
  before?: Record<string, unknown> | undefined;
  /** The record after the write (undefined for a delete). */
  after?: Record<string, unknown> | undefined;
  requestId?: string | null | undefined;
  at: string;
}

/** Field-level diff: only fields whose value changed, secrets shown as "[redacted]". */
export function diffFields(before: Record<string, unknown> = {}, after: Record<string, unknown> = {}) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = before[field];
    const to = after[field];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[field] = REDACTED.has(field)
      ? { from: from === undefined ? null : '[redacted]', to: to === undefined ? null : '[redacted]' }
      : { from: from ?? null, to: to ?? null };
  }
  return changes;
}

/** Writes one audit entry in the caller's transaction: who, when, what, before → after. */
export async function recordAudit(tx: Executor, input: AuditInput): Promise<void> {
  await insertSoon(tx, 'audit_log', [
    {
      id: newId('aud'),
      at: input.at,
      actor_type: input.actor.type,
      actor_id: input.actor.id,
      action: input.action,
      entity_type: input.entityType,
      entity_id: input.entityId,
      changes: JSON.stringify(diffFields(input.before, input.after)),
      request_id: input.requestId ?? null,
    },
  ]);
}

export async function listAudit(db: Executor, q: { entityType?: string | undefined; entityId?: string | undefined; limit: number; cursor?: string | undefined }) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit + 1);
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  const after = decodeCursor(q.cursor);
  if (after) query = query.where('id', '<', after);
  const rows = await query.execute();
  const data = rows.slice(0, q.limit);
  return {
    data: data.map(
      (r): AuditEntry => ({
        id: r.id,
        at: r.at,
        actorType: r.actor_type as AuditEntry['actorType'],
        actorId: r.actor_id,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        changes: JSON.parse(r.changes) as AuditEntry['changes'],
        requestId: r.request_id,
      }),
    ),
    nextCursor: rows.length > q.limit ? encodeCursor(data[data.length - 1]!.id) : null,
  };
}
