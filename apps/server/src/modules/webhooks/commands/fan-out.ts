import { WEBHOOK_EVENT_TYPES } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { memoIn } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent, type HandlerContext } from '../../../platform/outbox/index.js';
import { DELIVERY_DUE, selects } from '../webhook.js';
import { activeSubscriptions } from '../webhooks.repo.js';

const PUBLIC_TYPES = new Set<string>(WEBHOOK_EVENT_TYPES);
/** Read once per worker batch (one transaction), not once per event. */
const ACTIVE = 'webhook_subscriptions:active';

/**
 * For an event of a public type, one delivery row per active subscription that selects it, and the
 * `webhook.delivery_due` event for its first attempt — all in the `ctx.once` transaction, so a
 * retried handler fans out exactly once (and the unique (subscription, event) pair backs it up).
 */
export async function fanOut(deps: Deps, ctx: HandlerContext): Promise<void> {
  const { event } = ctx;
  if (!PUBLIC_TYPES.has(event.type)) return; // our own webhook.* events, internal timers
  // Most events match no subscription: skip the write transaction then (the worker marks it handled).
  const matching = (await memoIn(ctx.db, ACTIVE, () => activeSubscriptions(ctx.db))).some((s) => selects(JSON.parse(s.events) as string[], event.type));
  if (!matching) return;
  await ctx.once(async (tx) => {
    const subs = (await memoIn(tx, ACTIVE, () => activeSubscriptions(tx))).filter((s) => selects(JSON.parse(s.events) as string[], event.type));
    const at = deps.clock.now().toISOString();
    for (const sub of subs) {
      const id = newId('whd');
      const inserted = await tx
        .insertInto('webhook_deliveries')
        .values({ id, subscription_id: sub.id, event_id: event.id, event_type: event.type, event_created_at: event.createdAt, payload: JSON.stringify(event.payload), status: 'pending', attempt_count: 0, next_attempt_at: at, created_at: at, updated_at: at })
        .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) continue;
      await emitEvent(tx, at, { type: DELIVERY_DUE, aggregateType: 'webhook_delivery', aggregateId: id, payload: { deliveryId: id }, dedupeKey: `webhook.attempt:${id}:1` });
    }
  });
}
