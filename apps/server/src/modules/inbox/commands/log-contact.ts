import type { ContactLogEntry, LogContactRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { getCustomer } from '../../customers/index.js';
import { staffUsersById } from '../../identity/index.js';
import { getOrder } from '../../orders/index.js';
import { CONTACT_LOGGED, type InboxError } from '../inbox.js';
import { insertContactLog, toContactLogEntry } from '../inbox.repo.js';

/** A contact may be logged a little ahead of the server's clock (a phone's clock), not later. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Records a call or meeting with a customer and emits `contact.logged` (so it reaches the timeline). */
export async function logContact(tx: Tx, deps: Deps, actor: Actor, customerId: string, input: LogContactRequest, requestId?: string): Promise<Result<ContactLogEntry, InboxError>> {
  if (!(await getCustomer(tx, customerId))) return err({ code: 'customer_not_found', id: customerId });
  const at = deps.clock.now().toISOString();
  if (Date.parse(input.occurredAt) > Date.parse(at) + CLOCK_SKEW_MS) return err({ code: 'occurred_in_future' });
  if (input.orderId) {
    const order = await getOrder(tx, input.orderId);
    if (!order || order.customerId !== customerId) return err({ code: 'order_not_of_customer', orderId: input.orderId });
  }
  const name = actor.type === 'user' && actor.id ? ((await staffUsersById(tx, [actor.id])).get(actor.id)?.name ?? null) : null;
  const row = {
    id: newId('ctl'),
    customer_id: customerId,
    order_id: input.orderId ?? null,
    kind: input.kind,
    direction: input.direction,
    occurred_at: new Date(input.occurredAt).toISOString(),
    duration_minutes: input.durationMinutes ?? null,
    outcome: input.outcome,
    notes: input.notes.trim(),
    follow_up_at: input.followUpAt ? new Date(input.followUpAt).toISOString() : null,
    logged_by_type: actor.type,
    logged_by_id: actor.id,
    logged_by_name: name,
    created_at: at,
  };
  await insertContactLog(tx, row);
  const entry = toContactLogEntry(row);
  const { customerId: _c, loggedBy: _l, createdAt: _a, id: contactId, ...rest } = entry;
  await emitEvent(tx, at, { type: CONTACT_LOGGED, aggregateType: 'contact_log', aggregateId: row.id, payload: { customerId, contactId, ...rest, actor } });
  await recordAudit(tx, { actor, action: 'contact.logged', entityType: 'contact_log', entityId: row.id, after: { customerId, kind: row.kind, outcome: row.outcome }, requestId, at });
  return ok(entry);
}
