import type { PageQuery, TimelineEntry } from '@ordercare/contracts';
import { decodeCursor, encodeCursor, type Executor } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import type { HandlerContext } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { CustomerError } from '../customer.js';
import { findCustomerRow } from '../customer.repo.js';
import { insertTimelineEntry, listTimeline } from '../timeline.repo.js';

/** The customer an event is about: a string `customerId` in its payload, or a customer aggregate. */
export function customerIdOf(event: HandlerContext['event']): string | undefined {
  const fromPayload = event.payload.customerId;
  if (typeof fromPayload === 'string' && fromPayload.length > 0) return fromPayload;
  return event.aggregateType === 'customer' ? event.aggregateId : undefined;
}

function actorOf(payload: Record<string, unknown>): { type: string; id: string | null } | null {
  const a = payload.actor;
  if (typeof a !== 'object' || a === null) return null;
  const { type, id } = a as { type?: unknown; id?: unknown };
  return typeof type === 'string' ? { type, id: typeof id === 'string' ? id : null } : null;
}

/**
 * The outbox handler's work: any event about a customer becomes one timeline entry, exactly once
 * (ctx.once, and `event_id` is unique). Later modules appear on the timeline by emitting events
 * with `customerId` in their payload; nothing here changes.
 */
export async function recordTimelineEntry(ctx: HandlerContext): Promise<void> {
  const customerId = customerIdOf(ctx.event);
  if (!customerId) return;
  const actor = actorOf(ctx.event.payload);
  await ctx.once((tx) =>
    insertTimelineEntry(tx, {
      id: newId('tle'),
      customer_id: customerId,
      event_id: ctx.event.id,
      type: ctx.event.type,
      occurred_at: ctx.event.createdAt,
      actor_type: actor?.type ?? null,
      actor_id: actor?.id ?? null,
      data: JSON.stringify(ctx.event.payload),
    }),
  );
}

/** `GET /customers/{id}/timeline`: newest first. */
export async function customerTimeline(db: Executor, customerId: string, page: PageQuery): Promise<Result<{ data: TimelineEntry[]; nextCursor: string | null }, CustomerError>> {
  if (!(await findCustomerRow(db, customerId))) return err({ code: 'not_found', entity: 'customer', id: customerId });
  let before: [string, string] | undefined;
  const raw = decodeCursor(page.cursor);
  if (raw !== undefined) {
    const [at, id] = raw.split('|');
    if (!at || !id) return err({ code: 'invalid', errors: [{ path: 'query.cursor', message: 'is not a cursor this list returned; start again without it' }] });
    before = [at, id];
  }
  const rows = await listTimeline(db, customerId, page.limit + 1, before);
  const data = rows.slice(0, page.limit);
  const last = data[data.length - 1];
  return ok({
    data: data.map((r) => ({
      id: r.id,
      type: r.type,
      occurredAt: r.occurred_at,
      actor: r.actor_type ? { type: r.actor_type, id: r.actor_id } : null,
      data: JSON.parse(r.data) as Record<string, unknown>,
    })),
    nextCursor: rows.length > page.limit && last ? encodeCursor(`${last.occurred_at}|${last.id}`) : null,
  });
}
